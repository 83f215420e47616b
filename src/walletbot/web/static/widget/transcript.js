// The transcript: messages, notices and cards in the server's order. Each placed item carries its
// event id (data-seq); a bot reply goes right after the message it answers (reply_to), so replies
// stay next to their questions after a reconnect; messages not yet sent stay last, in the order
// they were typed. Every text goes through displayText (text.js) and re-renders on a language
// switch (View.localised).
function Transcript(view) {
  this.view = view;
  this.log = view.log;
  this.byId = {}; // message id -> node
  this.pending = {}; // client_message_id -> node
}

Transcript.prototype.firstPending = function () {
  return this.log.querySelector(".is-pending");
};

Transcript.prototype.place = function (node, seq, replyTo) {
  var before = this.firstPending();
  var question = replyTo ? this.byId[replyTo] : null;
  if (question && question.parentNode === this.log && !question.classList.contains("is-pending")) {
    before = question.nextSibling;
    while (before && before.getAttribute("data-reply-to") === String(replyTo)) {
      before = before.nextSibling;
    }
  } else if (seq) {
    var later = Array.prototype.filter.call(this.log.querySelectorAll("[data-seq]"), function (n) {
      return parseInt(n.getAttribute("data-seq"), 10) > seq;
    })[0];
    if (later) before = later;
  }
  if (seq) node.setAttribute("data-seq", String(seq));
  if (replyTo) node.setAttribute("data-reply-to", String(replyTo));
  this.log.insertBefore(node, before || null);
  this.view.scrollDown();
  return node;
};

Transcript.prototype.timeOf = function (node, iso) {
  var time = el("time", { datetime: iso || new Date().toISOString() });
  node.appendChild(time);
  this.view.localised(time, function (s) { time.textContent = formatTime(iso, s); });
  return time;
};

Transcript.prototype.bubble = function (role, text, author) {
  var who = el("span", { className: "sr-only" });
  var body = el("p", { className: "text", dir: "auto" });
  var node = el("div", { className: "msg msg-" + role }, [who]);
  if (author) node.appendChild(el("bdi", { className: "author", text: cleanText(author) }));
  node.appendChild(body);
  node.textBox = body;
  node.sourceText = text; // as the server stored it; displayText makes it readable
  this.view.localised(node, function (s, lang) {
    who.textContent = { user: s.you, bot: s.bot, agent: s.agentRole }[role] + s.colon;
    body.textContent = displayText(node.sourceText, lang);
    body.hidden = !node.sourceText.trim();
  });
  return node;
};

// A message from the log or a send result; once per message id (`seq` added when known). The
// user's own message becomes the bubble shown as sending under its client_message_id, whichever
// brings it first: the send's answer, the stream or the log read after a reload.
Transcript.prototype.message = function (m, seq, feedbackGiven) {
  var known = this.byId[m.message_id];
  var pending = m.role === "user" && m.client_message_id ? this.pending[m.client_message_id] : null;
  if (known) {
    if (seq && !known.hasAttribute("data-seq")) known.setAttribute("data-seq", String(seq));
    if (pending) this.removePending(m.client_message_id); // a copy without the id came first
    return known;
  }
  if (pending) return this.settle(pending, m, seq);
  var node = this.bubble(m.role, m.text, m.role === "agent" ? m.author : null);
  node.setAttribute("data-id", String(m.message_id));
  if (m.role === "bot" && m.reply) this.decorateReply(node, m, feedbackGiven);
  this.timeOf(node, m.created_at);
  this.byId[m.message_id] = node;
  return this.place(node, seq, m.role === "bot" ? m.reply_to : null);
};

Transcript.prototype.decorateReply = function (node, m, feedbackGiven) {
  var decision = m.reply;
  if ((decision.flags || []).indexOf("sensitive_data") >= 0) {
    node.classList.add("msg-warning");
    var badge = el("strong", { className: "badge", role: "note" });
    node.insertBefore(badge, node.textBox);
    this.view.localised(badge, function (s) { badge.textContent = "⚠ " + s.masked; });
  }
  if (decision.action === "clarify" && decision.suggestions.length) this.clarify(node, m);
  if (decision.action === "answer" && decision.faq_id) {
    node.appendChild(this.feedbackRow(m.message_id, feedbackGiven));
  }
};

// A clarification once: whatever came before the server's numbered list (a warning), then a
// short question and the choices as buttons named by it. The numbered text is for API callers.
Transcript.prototype.clarify = function (node, m) {
  var self = this;
  var lines = m.text.split("\n");
  var first = lines.indexOf("1. " + m.reply.suggestions[0].question);
  var preface = first >= 0 ? lines.slice(0, Math.max(0, first - 1)).join("\n")
    : lines.filter(function (line) { return !/^\d+\. /.test(line); }).join("\n");
  var askId = "wb-ask-" + m.message_id;
  var ask = el("p", { className: "ask", id: askId });
  var choices = el("div", { className: "choices", role: "group", "aria-labelledby": askId });
  m.reply.suggestions.forEach(function (suggestion) {
    var button = el("button", { type: "button", className: "chip", dir: "auto",
      text: cleanText(suggestion.question) });
    button.addEventListener("click", function () { self.view.emit("send", suggestion.question); });
    choices.appendChild(button);
  });
  var none = el("button", { type: "button", className: "chip chip-quiet" });
  choices.appendChild(none);
  node.appendChild(ask);
  node.appendChild(choices);
  none.addEventListener("click", function () { self.view.emit("send", self.view.strings.clarifyNoneText); });
  node.sourceText = preface;
  node.textBox.hidden = !preface.trim();
  node.textBox.textContent = displayText(preface, self.view.lang);
  self.view.localised(ask, function (s) {
    ask.textContent = s.clarify;
    none.textContent = s.clarifyNone;
  });
};

// 👍/👎 stay where they are once pressed (aria-pressed): focus never falls off the page.
Transcript.prototype.feedbackRow = function (id, given) {
  var self = this;
  var label = el("span", { id: "wb-helpful-" + id });
  var row = el("div", { className: "feedback", role: "group", "aria-labelledby": label.id }, [label]);
  var buttons = [true, false].map(function (helpful) {
    var button = el("button", { type: "button", className: "thumb",
      "aria-pressed": String(given === (helpful ? "yes" : "no")) }, [icon("up", !helpful)]);
    button.addEventListener("click", function () {
      given = helpful ? "yes" : "no";
      buttons.forEach(function (b, i) { b.setAttribute("aria-pressed", String(i === (helpful ? 0 : 1))); });
      render(self.view.strings);
      self.view.emit("helpful", { messageId: id, helpful: helpful });
    });
    row.appendChild(button);
    return button;
  });
  function render(s) {
    label.textContent = given ? s.thanks : s.helpful;
    buttons[0].setAttribute("aria-label", s.yes);
    buttons[1].setAttribute("aria-label", s.no);
    buttons[0].title = s.yes;
    buttons[1].title = s.no;
  }
  self.view.localised(row, render);
  return row;
};

Transcript.prototype.notice = function (seq, at, render) {
  var node = el("p", { className: "notice" });
  var text = el("span", {});
  node.appendChild(text);
  this.view.localised(text, function (s, lang) { text.textContent = displayText(render(s), lang); });
  this.timeOf(node, at);
  return this.place(node, seq, null);
};

Transcript.prototype.card = function (node, seq) {
  return this.place(node, seq, null);
};

// A message on its way: last in the transcript, with its delivery state underneath.
Transcript.prototype.addPending = function (item) {
  var self = this;
  var node = self.bubble("user", item.text, null);
  node.classList.add("is-pending");
  node.delivery = el("span", { className: "delivery" });
  node.appendChild(node.delivery);
  self.timeOf(node, item.at);
  self.pending[item.cmid] = node;
  self.log.appendChild(node);
  self.markPending(item.cmid, item.failed ? "failed" : "sending", item.failed);
  self.view.scrollDown();
  return node;
};

Transcript.prototype.markPending = function (cmid, state, code) {
  var self = this;
  var node = self.pending[cmid];
  if (!node) return;
  node.classList.toggle("is-failed", state === "failed");
  node.delivery.textContent = "";
  var label = el("span", { className: "delivery-state" });
  node.delivery.appendChild(label);
  var actions = [];
  if (state === "failed") {
    actions = [["retry", "retry"], ["remove", "remove"]].map(function (pair) {
      var button = el("button", { type: "button", className: "mini" });
      button.addEventListener("click", function () {
        self.view.input.focus(); // the buttons go away: back to where the user writes
        self.view.emit(pair[0], cmid);
      });
      node.delivery.appendChild(button);
      return [button, pair[1]];
    });
    if (node.nextSibling) self.log.appendChild(node); // failed ones go last, later ones go on
  }
  self.view.localised(node.delivery, function (s) {
    label.textContent = state !== "failed" ? s[state]
      : code === "text_too_long" ? s.failedTooLong : s.failed;
    actions.forEach(function (a) { a[0].textContent = s[a[1]]; });
  });
};

Transcript.prototype.retryPending = function (cmid) {
  var node = this.pending[cmid];
  if (node) this.log.appendChild(node);
  this.markPending(cmid, "sending");
};

Transcript.prototype.removePending = function (cmid) {
  var node = this.pending[cmid];
  delete this.pending[cmid];
  if (node) node.remove();
};

// Sent: the bubble now shows the text as stored (secrets masked) and sits with the sent ones.
Transcript.prototype.confirm = function (cmid, message) {
  return this.message({ message_id: message.id, role: "user", text: message.text,
    client_message_id: cmid, created_at: message.created_at }, null);
};

// The bubble shown as sending becomes the stored message, in the server's order once seq is known.
Transcript.prototype.settle = function (node, m, seq) {
  delete this.pending[m.client_message_id];
  node.classList.remove("is-pending", "is-failed");
  node.setAttribute("data-id", String(m.message_id));
  node.delivery.remove();
  node.sourceText = m.text;
  node.textBox.textContent = displayText(m.text, this.view.lang);
  this.byId[m.message_id] = node;
  return this.place(node, seq, null);
};
