// The widget's frame inside its shadow root: launcher, panel, header, banners, toolbar and
// composer. Knows nothing about the API: Chat drives it. The transcript's contents are
// transcript.js's; the ticket page is tickets.js's.
function el(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (name) {
    if (name === "text") node.textContent = attrs[name];
    else if (name === "className") node.className = attrs[name];
    else if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
  });
  (children || []).forEach(function (child) {
    if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
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
  close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 " +
    "19 17.59 13.41 12z",
  menu: "M3 18h18v-2H3v2zm0-5h18v-2H3v2zm0-7v2h18V6H3z",
  ticket: "M22 10V6c0-1.1-.9-2-2-2H4c-1.1 0-2 .9-2 2v4c1.1 0 2 .9 2 2s-.9 2-2 2v4c0 1.1.9 2 2 " +
    "2h16c1.1 0 2-.9 2-2v-4c-1.1 0-2-.9-2-2s.9-2 2-2z",
  star: "M12 17.27 18.18 21l-1.64-7.03L22 9.24l-7.19-.61L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21z",
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

var PHONE = "(max-width: 480px)";

function View(root, host, base, heading) {
  this.root = root;
  this.host = host;
  this.heading = heading;
  this.handlers = {};
  this.strings = STRINGS.en;
  this.lang = "en";
  this.renderers = [];
  this.build(base);
  this.bindKeys();
  this.showUnread(0, null);
}

View.prototype.build = function (base) {
  var style = el("link", { rel: "stylesheet", href: base + "/static/widget/widget.css" });
  this.badge = el("span", { className: "count", "aria-hidden": "true" });
  this.badge.hidden = true;
  this.launcher = el("button", { className: "launcher", type: "button", "aria-expanded": "false",
    "aria-controls": "wb-panel" }, [icon("chat"), this.badge]);
  this.preview = el("button", { className: "preview", type: "button" });
  this.preview.hidden = true;
  this.title = el("h2", { id: "wb-title" });
  this.langHint = el("span", { className: "sr-only" });
  this.langName = el("span", {});
  this.langButton = el("button", { className: "lang", type: "button" },
    [this.langHint, this.langName]);
  this.closeButton = el("button", { className: "close", type: "button" }, [icon("close")]);
  this.bannerText = el("span", { className: "banner-text" });
  this.retryButton = el("button", { className: "retry-now", type: "button" });
  this.banner = el("div", { className: "banner", role: "status" },
    [this.bannerText, this.retryButton]);
  this.banner.hidden = true;
  this.status = el("div", { className: "status", role: "status" });
  this.status.hidden = true;
  this.log = el("div", { className: "log", role: "log", tabindex: "0" });
  this.typing = el("p", { className: "typing", "aria-live": "polite" });
  this.typing.hidden = true;
  this.menuTitle = el("p", { className: "menu-title", id: "wb-menu-title" });
  this.menu = el("div", { className: "menu", role: "group", "aria-labelledby": "wb-menu-title" });
  this.menuBlock = el("div", { className: "menu-block", id: "wb-menu" }, [this.menuTitle, this.menu]);
  this.menuLabel = el("span", {});
  this.menuToggle = el("button", { className: "tool", type: "button", "aria-expanded": "true",
    "aria-controls": "wb-menu" }, [icon("menu"), this.menuLabel]);
  this.ticketsLabel = el("span", {});
  this.ticketsButton = el("button", { className: "tool", type: "button" },
    [icon("ticket"), this.ticketsLabel]);
  this.input = el("textarea", { rows: "1", maxlength: "2000", autocomplete: "off" });
  this.sendButton = el("button", { className: "send", type: "submit" });
  this.form = el("form", { className: "composer" }, [this.input, this.sendButton]);
  this.chatView = el("div", { className: "chat-view" }, [this.log, this.typing, this.menuBlock,
    el("div", { className: "toolbar" }, [this.menuToggle, this.ticketsButton]), this.form]);
  this.panel = el("section", { className: "panel", id: "wb-panel", role: "dialog",
    "aria-labelledby": "wb-title" }, [
    el("header", {}, [this.title, this.langButton, this.closeButton]),
    this.banner, this.status, this.chatView]);
  this.panel.hidden = true;
  var wrapper = el("div", { className: "wrapper" }, [this.preview, this.launcher, this.panel]);
  wrapper.hidden = true; // until the stylesheet has loaded: no flash of unstyled widget
  style.addEventListener("load", function () { wrapper.hidden = false; });
  this.root.appendChild(style);
  this.root.appendChild(wrapper);
};

View.prototype.on = function (name, handler) {
  this.handlers[name] = handler;
};

View.prototype.emit = function (name, value) {
  if (this.handlers[name]) this.handlers[name](value);
};

View.prototype.bindKeys = function () {
  var self = this;
  self.launcher.addEventListener("click", function () { self.setOpen(self.panel.hidden, true); });
  self.preview.addEventListener("click", function () { self.setOpen(true, true); });
  self.closeButton.addEventListener("click", function () { self.setOpen(false, true); });
  self.langButton.addEventListener("click", function () { self.emit("toggleLang"); });
  self.retryButton.addEventListener("click", function () { self.emit("retryNow"); });
  self.menuToggle.addEventListener("click", function () {
    self.showMenuBlock(self.menuBlock.hidden);
    if (!self.menuBlock.hidden && self.menu.firstChild) self.menu.firstChild.focus();
  });
  self.ticketsButton.addEventListener("click", function () { self.emit("tickets"); });
  self.panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); self.setOpen(false, true); }
    else if (event.key === "Tab" && window.matchMedia(PHONE).matches) self.trapFocus(event);
  });
  self.input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      self.submit();
    }
  });
  self.form.addEventListener("submit", function (event) { event.preventDefault(); self.submit(); });
};

// On a phone the panel covers the page: Tab and Shift+Tab go round inside it (Esc closes it).
View.prototype.trapFocus = function (event) {
  var focusable = Array.prototype.filter.call(
    this.panel.querySelectorAll("button, textarea, input, [tabindex='0']"),
    function (node) { return !node.disabled && node.getClientRects().length > 0; });
  if (!focusable.length) return;
  var first = focusable[0];
  var last = focusable[focusable.length - 1];
  var active = this.root.activeElement;
  if (event.shiftKey && (active === first || !this.panel.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
};

View.prototype.submit = function () {
  var text = this.input.value.trim();
  if (!text) return;
  this.input.value = "";
  this.emit("send", text);
};

// `byUser`: a click or key, so focus follows; a reload restoring the panel takes no focus.
View.prototype.setOpen = function (open, byUser) {
  this.panel.hidden = !open;
  this.panel.setAttribute("aria-modal", String(open && window.matchMedia(PHONE).matches));
  this.launcher.setAttribute("aria-expanded", String(open));
  this.launcher.classList.toggle("is-open", open);
  if (open) this.preview.hidden = true;
  if (open && byUser) this.input.focus();
  else if (!open && byUser) this.launcher.focus();
  if (open) this.scrollDown();
  this.emit("openChanged", open);
};

View.prototype.isOpen = function () {
  return !this.panel.hidden;
};

// Registers what depends on the language shown, runs it now and again on every switch.
View.prototype.localised = function (node, render) {
  render(this.strings, this.lang);
  this.renderers = this.renderers.filter(function (r) { return r.node !== node; });
  this.renderers.push({ node: node, render: render });
  return node;
};

View.prototype.applyStrings = function (lang) {
  var strings = STRINGS[lang];
  this.strings = strings;
  this.lang = lang;
  this.host.setAttribute("lang", lang);
  this.panel.setAttribute("lang", lang);
  this.title.textContent = this.heading || strings.title;
  this.langHint.textContent = strings.switchLangHint;
  this.langName.textContent = strings.switchLang;
  this.langName.setAttribute("lang", strings.switchLangLang);
  this.closeButton.setAttribute("aria-label", strings.close);
  this.log.setAttribute("aria-label", strings.transcript);
  this.menuTitle.textContent = strings.menu;
  this.menuLabel.textContent = strings.menuButton;
  this.ticketsLabel.textContent = strings.ticketsButton;
  this.retryButton.textContent = strings.retryNow;
  this.input.setAttribute("placeholder", strings.placeholder);
  this.input.setAttribute("aria-label", strings.inputLabel);
  this.sendButton.textContent = strings.send;
  this.renderers = this.renderers.filter(function (r) { return r.node.isConnected; });
  this.renderers.forEach(function (r) { r.render(strings, lang); });
};

View.prototype.showMenu = function (names) {
  var self = this;
  self.menu.textContent = "";
  names.forEach(function (name) {
    var button = el("button", { type: "button", className: "chip", text: name });
    button.addEventListener("click", function () {
      self.emit("send", name);
      self.showMenuBlock(false);
      self.input.focus(); // the menu is gone: back to where the user writes
    });
    self.menu.appendChild(button);
  });
};

View.prototype.showMenuBlock = function (visible) {
  this.menuBlock.hidden = !visible;
  this.menuToggle.setAttribute("aria-expanded", String(visible));
  if (visible) this.scrollDown();
};

View.prototype.scrollDown = function () {
  this.log.scrollTop = this.log.scrollHeight;
};

// Unread replies while the panel is closed: a count on the launcher and the latest one beside it.
View.prototype.showUnread = function (count, preview) {
  var self = this;
  self.badge.hidden = !count;
  self.badge.textContent = count ? String(count) : "";
  self.localised(self.launcher, function (s) {
    self.launcher.setAttribute("aria-label", count ? format(s.openUnread, { count: count }) : s.open);
  });
  self.preview.hidden = !count || !preview || self.isOpen();
  self.preview.textContent = preview ? displayText(preview, self.lang).slice(0, 90) : "";
};

// Offline or failing to reach the server: a banner, with a countdown when a retry is scheduled.
// `trouble`: null (all well) or {retryAt: time of the next try, or null when none is planned}.
View.prototype.showBanner = function (trouble) {
  var self = this;
  clearInterval(self.bannerTimer);
  self.banner.hidden = !trouble;
  if (!trouble) return;
  function tick() {
    var s = self.strings;
    var text = s.offline;
    if (trouble.retryAt) {
      var seconds = Math.max(0, Math.ceil((trouble.retryAt - Date.now()) / 1000));
      text += " · " + (seconds ? format(s.retryIn, { seconds: seconds }) : s.retrying);
    }
    self.bannerText.textContent = text;
  }
  tick();
  self.bannerTimer = setInterval(tick, 1000);
};

View.prototype.showTyping = function (agent) {
  var self = this;
  clearTimeout(self.typingTimer);
  self.typing.hidden = !agent;
  if (!agent) return;
  self.typing.textContent = format(self.strings.typing, { agent: displayText(agent, self.lang) });
  self.typingTimer = setTimeout(function () { self.typing.hidden = true; }, 6000);
};

// Where the user stands: queue position and wait, the agent, or the ticket; hidden otherwise.
View.prototype.showStatus = function (state) {
  var self = this;
  self.localised(self.status, function (s) {
    var text = "";
    if (state && state.status === "queued" && state.position) {
      var minutes = Math.max(1, Math.round((state.estimated_wait_seconds || 60) / 60));
      text = format(state.position === 1 ? s.queueNextStatus : s.queueStatus,
        { position: state.position, minutes: minutes });
    } else if (state && state.status === "assigned" && state.agent) {
      text = format(s.agentStatus, { agent: cleanText(state.agent) });
    } else if (state && state.ticket) {
      text = format(s.ticketStatusLine, { number: state.ticket.number,
        status: s.ticketStatus[state.ticket.status] || state.ticket.status });
    }
    self.status.textContent = text;
    self.status.hidden = !text;
  });
};
