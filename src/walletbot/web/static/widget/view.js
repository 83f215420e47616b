// The widget's DOM inside its shadow root. Knows nothing about the API: Chat drives it.
function el(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (name) {
    if (name === "text") node.textContent = attrs[name];
    else if (name === "className") node.className = attrs[name];
    else if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
  });
  (children || []).forEach(function (child) {
    if (child) node.appendChild(child);
  });
  return node;
}

// Icons as inline SVG: emoji fonts are not everywhere (and CSP-safe: no style attributes).
var ICONS = {
  chat: "M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2zM6 9h12v2H6zm8 " +
    "5H6v-2h8zm4-6H6V6h12z",
  up: "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 " +
    "1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09" +
    "-.23.14-.47.14-.73v-2z",
};

function icon(name, flip) {
  var ns = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  var path = document.createElementNS(ns, "path");
  path.setAttribute("d", ICONS[name]);
  path.setAttribute("fill", "currentColor");
  if (flip) path.setAttribute("transform", "rotate(180 12 12)");
  svg.appendChild(path);
  return svg;
}

function View(root, base, heading) {
  this.root = root;
  this.heading = heading;
  this.handlers = {};
  this.strings = STRINGS.en;
  this.pending = {};
  var style = el("link", { rel: "stylesheet", href: base + "/static/widget/widget.css" });
  this.launcher = el("button", { className: "launcher", type: "button", "aria-expanded": "false",
    "aria-controls": "wb-panel" }, [icon("chat")]);
  this.title = el("h2", { id: "wb-title" });
  this.langButton = el("button", { className: "lang", type: "button" });
  this.closeButton = el("button", { className: "close", type: "button", text: "×" });
  this.status = el("div", { className: "status", role: "status", "aria-live": "polite" });
  this.status.hidden = true;
  this.menuTitle = el("p", { className: "menu-title" });
  this.menu = el("div", { className: "menu", role: "group" });
  this.log = el("div", { className: "log", role: "log", "aria-live": "polite", tabindex: "0" },
    [el("div", { className: "menu-block" }, [this.menuTitle, this.menu])]);
  this.input = el("textarea", { rows: "1", maxlength: "2000", autocomplete: "off" });
  this.sendButton = el("button", { className: "send", type: "submit" });
  this.form = el("form", { className: "composer" }, [this.input, this.sendButton]);
  this.panel = el("section", { className: "panel", id: "wb-panel", role: "dialog",
    "aria-labelledby": "wb-title" }, [
    el("header", {}, [this.title, this.langButton, this.closeButton]),
    this.status, this.log, this.form]);
  this.panel.hidden = true;
  var wrapper = el("div", { className: "wrapper" }, [this.launcher, this.panel]);
  wrapper.hidden = true; // until the stylesheet has loaded: no flash of unstyled widget
  style.addEventListener("load", function () { wrapper.hidden = false; });
  root.appendChild(style);
  root.appendChild(wrapper);
  this.bindKeys();
}

View.prototype.on = function (name, handler) {
  this.handlers[name] = handler;
};

View.prototype.emit = function (name, value) {
  if (this.handlers[name]) this.handlers[name](value);
};

View.prototype.bindKeys = function () {
  var self = this;
  self.launcher.addEventListener("click", function () { self.setOpen(self.panel.hidden); });
  self.closeButton.addEventListener("click", function () { self.setOpen(false); });
  self.langButton.addEventListener("click", function () { self.emit("toggleLang"); });
  self.panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); self.setOpen(false); }
  });
  self.input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      self.submit();
    }
  });
  self.form.addEventListener("submit", function (event) { event.preventDefault(); self.submit(); });
};

View.prototype.submit = function () {
  var text = this.input.value.trim();
  if (!text) return;
  this.input.value = "";
  this.emit("send", text);
};

View.prototype.setOpen = function (open) {
  this.panel.hidden = !open;
  this.launcher.setAttribute("aria-expanded", String(open));
  this.launcher.classList.toggle("is-open", open);
  if (open) { this.input.focus(); this.scrollDown(); this.emit("open"); }
  else this.launcher.focus();
};

View.prototype.applyStrings = function (strings) {
  this.strings = strings;
  this.title.textContent = this.heading || strings.title;
  this.launcher.setAttribute("aria-label", strings.open);
  this.langButton.textContent = strings.switchLang;
  this.langButton.setAttribute("aria-label", strings.switchLangLabel);
  this.closeButton.setAttribute("aria-label", strings.close);
  this.log.setAttribute("aria-label", strings.transcript);
  this.menuTitle.textContent = strings.menu;
  this.menu.setAttribute("aria-label", strings.menu);
  this.input.setAttribute("placeholder", strings.placeholder);
  this.input.setAttribute("aria-label", strings.inputLabel);
  this.sendButton.textContent = strings.send;
};

View.prototype.showMenu = function (names) {
  var self = this;
  self.menu.textContent = "";
  names.forEach(function (name) {
    var button = el("button", { type: "button", className: "chip", text: name });
    button.addEventListener("click", function () { self.emit("send", name); });
    self.menu.appendChild(button);
  });
};

View.prototype.scrollDown = function () {
  this.log.scrollTop = this.log.scrollHeight;
};

View.prototype.append = function (node) {
  this.log.appendChild(node);
  this.scrollDown();
  return node;
};

View.prototype.bubble = function (role, text, id) {
  var who = { user: this.strings.you, bot: this.strings.bot, agent: this.strings.agentRole }[role];
  return el("div", { className: "msg msg-" + role, "data-id": id }, [
    el("span", { className: "sr-only", text: (who || "") + ": " }),
    el("p", { className: "text", text: text })]);
};

View.prototype.addMessage = function (role, text, id, author) {
  var node = this.bubble(role, text, id);
  if (author) node.insertBefore(el("span", { className: "author", text: author }), node.firstChild);
  return this.append(node);
};

View.prototype.addNotice = function (text) {
  return this.append(el("p", { className: "notice", text: text }));
};

View.prototype.addPending = function (cmid, text) {
  var node = this.bubble("user", text, null);
  node.classList.add("is-pending");
  node.appendChild(el("span", { className: "delivery", text: this.strings.sending }));
  this.pending[cmid] = node;
  return this.append(node);
};

View.prototype.markPending = function (cmid, state) {
  var node = this.pending[cmid];
  if (!node) return;
  node.querySelector(".delivery").textContent = this.strings[state];
  node.classList.toggle("is-failed", state === "failed");
};

View.prototype.confirmPending = function (cmid, message) {
  var node = this.pending[cmid];
  if (!node) return;
  delete this.pending[cmid];
  node.classList.remove("is-pending");
  node.setAttribute("data-id", message.id);
  node.querySelector(".text").textContent = message.text; // as stored: secrets masked
  node.removeChild(node.querySelector(".delivery"));
};

// A bot answer with what comes with it: the masked-secret warning, clarification choices and the
// helpful/unhelpful buttons.
View.prototype.addBotReply = function (id, text, decision, feedbackGiven) {
  var self = this;
  var node = self.bubble("bot", text, id);
  var flags = (decision && decision.flags) || [];
  if (flags.indexOf("sensitive_data") >= 0) {
    node.classList.add("msg-warning");
    node.insertBefore(el("strong", { className: "badge", role: "note",
      text: "⚠ " + self.strings.masked }), node.firstChild);
  }
  if (decision && decision.action === "clarify" && decision.suggestions.length) {
    var choices = el("div", { className: "choices", role: "group" });
    decision.suggestions.forEach(function (s) {
      var button = el("button", { type: "button", className: "chip", text: s.question });
      button.addEventListener("click", function () { self.emit("send", s.question); });
      choices.appendChild(button);
    });
    node.appendChild(choices);
  }
  if (decision && decision.action === "answer" && decision.faq_id) {
    node.appendChild(self.feedbackRow(id, feedbackGiven));
  }
  return self.append(node);
};

View.prototype.feedbackRow = function (id, given) {
  var self = this;
  var row = el("div", { className: "feedback", role: "group", "aria-label": self.strings.helpful });
  if (given) {
    row.appendChild(el("span", { text: self.strings.thanks }));
    return row;
  }
  row.appendChild(el("span", { text: self.strings.helpful }));
  [[true, false, self.strings.yes], [false, true, self.strings.no]].forEach(function (choice) {
    var button = el("button", { type: "button", className: "thumb", "aria-label": choice[2],
      title: choice[2] }, [icon("up", choice[1])]);
    button.addEventListener("click", function () {
      self.emit("helpful", { messageId: id, helpful: choice[0] });
      row.textContent = self.strings.thanks;
    });
    row.appendChild(button);
  });
  return row;
};

View.prototype.addRating = function (key) {
  var self = this;
  var group = el("div", { className: "rating", role: "group", "aria-label": self.strings.rate },
    [el("p", { text: self.strings.rate })]);
  var stars = el("div", { className: "stars" });
  [1, 2, 3, 4, 5].forEach(function (n) {
    var button = el("button", { type: "button", className: "star", text: "★",
      "aria-label": format(self.strings.star, { n: n }) });
    button.addEventListener("click", function () {
      self.emit("rate", { key: key, rating: n });
      group.textContent = "";
      group.appendChild(el("p", { text: self.strings.rated }));
    });
    stars.appendChild(button);
  });
  group.appendChild(stars);
  return self.append(group);
};

// Where the user stands: queue position and wait, the agent, or the ticket; hidden otherwise.
View.prototype.showStatus = function (state) {
  var s = this.strings;
  var text = "";
  if (state && state.status === "queued" && state.position) {
    var minutes = Math.max(1, Math.round((state.estimated_wait_seconds || 60) / 60));
    text = format(s.queue, { position: state.position, minutes: minutes });
  } else if (state && state.status === "assigned" && state.agent) {
    text = format(s.agent, { agent: state.agent });
  } else if (state && state.ticket) {
    text = format(s.ticket, { number: state.ticket.number,
      status: s.ticketStatus[state.ticket.status] || state.ticket.status });
  }
  this.status.textContent = text;
  this.status.hidden = !text;
};
