// The widget's behaviour: one conversation, restored after a reload from its event log, kept live
// by the event stream, with an outbox that survives reloads and dropped connections.
function Chat(view, api, store, lang) {
  this.view = view;
  this.api = api;
  this.store = store;
  this.state = store.load();
  this.state.outbox = this.state.outbox || [];
  this.state.done = this.state.done || {}; // feedback given and ratings sent, by key
  this.lang = this.state.lang || lang;
  this.rendered = {}; // message ids on screen
  this.early = []; // user messages seen on the stream before their own send returned
  this.sending = false;
  this.handoff = null;
  this.categories = [];
  this.stream = null;
  this.retryDelay = 1000;
  this.bind();
}

Chat.prototype.bind = function () {
  var self = this;
  self.view.on("send", function (text) { self.send(text); });
  self.view.on("toggleLang", function () { self.setLang(self.lang === "zh" ? "en" : "zh"); });
  self.view.on("helpful", function (v) {
    self.remember("feedback:" + v.messageId);
    self.api.feedback(self.state, { message_id: v.messageId, helpful: v.helpful }).catch(noop);
  });
  self.view.on("rate", function (v) {
    self.remember("rating:" + v.key);
    self.api.feedback(self.state, { rating: v.rating }).catch(noop);
  });
  window.addEventListener("online", function () {
    self.flush();
    if (self.stream) self.stream.nudge();
  });
};

function noop() {}

// Categories that are not problems a user would pick from a menu.
var MENU_HIDDEN = ["greeting"];

Chat.prototype.start = function () {
  var self = this;
  self.setLang(self.lang);
  self.api.categories().then(function (body) {
    self.categories = body.categories;
    self.showMenu();
  }).catch(noop);
  if (!self.state.id) return;
  self.state.outbox.forEach(function (item) { self.view.addPending(item.cmid, item.text); });
  self.restore(0).then(function () {
    self.openStream();
    self.flush();
  });
};

// Replays the whole event log after a reload: the transcript is not kept in the browser.
Chat.prototype.restore = function (cursor) {
  var self = this;
  return self.api.eventsAfter(self.state, cursor).then(function (page) {
    page.events.forEach(function (event) { self.handle(event); });
    if (page.events.length) return self.restore(page.events[page.events.length - 1].id);
  }).catch(function (error) {
    if (error.status === 404) self.forget(); // expired or deleted: start afresh
  });
};

Chat.prototype.forget = function () {
  this.state = { outbox: this.state.outbox, done: {}, lang: this.lang };
  this.store.save(this.state);
};

Chat.prototype.setLang = function (lang) {
  this.lang = lang;
  this.state.lang = lang;
  this.store.save(this.state);
  this.view.applyStrings(STRINGS[lang]);
  this.showMenu();
  this.view.showStatus(this.handoff);
};

Chat.prototype.showMenu = function () {
  var lang = this.lang;
  var menu = this.categories.filter(function (c) { return MENU_HIDDEN.indexOf(c.id) < 0; });
  this.view.showMenu(menu.map(function (c) { return c.names[lang] || c.id; }));
};

Chat.prototype.remember = function (key) {
  this.state.done[key] = true;
  this.store.save(this.state);
};

Chat.prototype.send = function (text) {
  var item = { cmid: newClientMessageId(), text: text };
  this.state.outbox.push(item);
  this.store.save(this.state);
  this.view.addPending(item.cmid, text);
  this.flush();
};

Chat.prototype.ensureConversation = function () {
  var self = this;
  if (self.state.id) return Promise.resolve();
  return self.api.createConversation().then(function (created) {
    self.state.id = created.id;
    self.state.token = created.token;
    self.state.cursor = 0;
    self.store.save(self.state);
    self.openStream();
  });
};

// Sends the outbox in order, one at a time; a retry reuses the message's client_message_id.
Chat.prototype.flush = function () {
  var self = this;
  if (self.sending || !self.state.outbox.length) return;
  self.sending = true;
  var item = self.state.outbox[0];
  self.ensureConversation()
    .then(function () { return self.api.send(self.state, item); })
    .then(function (result) {
      self.retryDelay = 1000;
      self.dequeue();
      self.view.confirmPending(item.cmid, result.message);
      self.rendered[result.message.id] = true;
      if (result.reply) self.showBot(result.reply.message_id, result.reply.reply, result.reply);
      self.setHandoff(result.state);
    })
    .catch(function (error) {
      if (retryable(error)) {
        self.view.markPending(item.cmid, "offline");
        self.sending = false;
        setTimeout(function () { self.flush(); }, self.retryDelay);
        self.retryDelay = Math.min(self.retryDelay * 2, 15000);
        return "retry";
      }
      self.dequeue();
      self.view.markPending(item.cmid, "failed");
      if (error.code === "text_too_long") self.view.addNotice(self.view.strings.errorTooLong);
    })
    .then(function (outcome) {
      if (outcome === "retry") return;
      self.sending = false;
      self.showEarly();
      self.flush();
    });
};

Chat.prototype.dequeue = function () {
  this.state.outbox.shift();
  this.store.save(this.state);
};

Chat.prototype.showEarly = function () {
  var self = this;
  if (self.sending || self.state.outbox.length) return;
  self.early.splice(0).forEach(function (m) { self.showMessage(m); });
};

Chat.prototype.openStream = function () {
  var self = this;
  if (self.stream || !self.state.id) return;
  var url = self.api.base + "/v1/conversations/" + self.state.id + "/events";
  self.stream = new EventStream(url, self.state.token, self.state.cursor || 0, function (event) {
    self.handle(event);
  });
  self.stream.start();
};

// One event of the conversation's log, each applied once (the cursor only moves forward).
Chat.prototype.handle = function (event) {
  if (event.id <= (this.state.cursor || 0) && this.stream) return;
  this.state.cursor = Math.max(event.id, this.state.cursor || 0);
  this.store.save(this.state);
  var data = event.data;
  if (event.type === "message") this.showMessage(data);
  else if (event.type === "status") this.onStatus(event.id, data);
  else if (event.type === "queue") this.setHandoff({ status: "queued", position: data.position,
    estimated_wait_seconds: data.estimated_wait_seconds });
  else if (event.type === "ticket") this.onTicket(event.id, data);
};

Chat.prototype.showMessage = function (m) {
  if (this.rendered[m.message_id]) return;
  if (m.role === "user" && (this.sending || this.state.outbox.length)) {
    this.early.push(m); // probably the message in flight: its send result will place it
    return;
  }
  this.rendered[m.message_id] = true;
  if (m.role === "bot") this.showBot(m.message_id, m.text, m.reply);
  else this.view.addMessage(m.role, m.text, m.message_id, m.role === "agent" ? m.author : null);
};

Chat.prototype.showBot = function (id, text, decision) {
  this.rendered[id] = true;
  if (this.view.root.querySelector('.msg[data-id="' + id + '"]')) return;
  this.view.addBotReply(id, text, decision, this.state.done["feedback:" + id]);
};

Chat.prototype.onStatus = function (eventId, data) {
  if (data.text) this.view.addNotice(data.text);
  this.setHandoff(data);
  if (data.status === "resolved") this.askRating(eventId);
};

Chat.prototype.onTicket = function (eventId, data) {
  if (data.text) this.view.addNotice(data.text);
  this.setHandoff({ status: data.status === "resolved" ? "resolved" : "ticket",
    ticket: { number: data.number, status: data.status } });
};

Chat.prototype.askRating = function (key) {
  if (!this.state.done["rating:" + key]) this.view.addRating(key);
};

Chat.prototype.setHandoff = function (state) {
  this.handoff = state;
  this.view.showStatus(state);
};
