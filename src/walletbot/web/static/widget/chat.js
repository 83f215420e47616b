// The widget's behaviour: one conversation, restored after a reload from its event log, kept live
// by the event stream, with an outbox that survives reloads and never wedges (outbox.js).
function Chat(view, api, store, lang) {
  var self = this;
  self.view = view;
  self.api = api;
  self.store = store;
  self.state = store.load();
  self.state.outbox = self.state.outbox || [];
  self.state.done = self.state.done || {}; // feedback given and ratings sent, by key
  self.state.tickets = self.state.tickets || {}; // ticket number -> follow code
  self.state.seen = self.state.seen || 0; // last event id shown with the panel open
  self.lang = self.state.lang || lang;
  self.transcript = new Transcript(view);
  self.outbox = new Outbox(self.state, function () { self.save(); },
    function (item) { return self.deliver(item); }, self.outboxHooks());
  self.ticketPage = new TicketPage(view, api, function () { return self.state.tickets; });
  view.panel.appendChild(self.ticketPage.node);
  self.handoff = null;
  self.categories = [];
  self.stream = null;
  self.replaying = false;
  self.unread = { count: 0, preview: null };
  self.trouble = { outbox: null, stream: null, offline: navigator.onLine === false };
  self.langSync = Promise.resolve();
  self.bind();
}

function noop() {}

// Categories that are not problems a user would pick from a menu.
var MENU_HIDDEN = ["greeting"];

Chat.prototype.save = function () {
  this.store.save(this.state);
};

Chat.prototype.bind = function () {
  var self = this;
  var view = self.view;
  view.on("send", function (text) { self.send(text); });
  view.on("toggleLang", function () { self.setLang(self.lang === "zh" ? "en" : "zh", true); });
  view.on("helpful", function (v) {
    self.remember("feedback:" + v.messageId, v.helpful ? "yes" : "no");
    self.api.feedback(self.state, { message_id: v.messageId, helpful: v.helpful }).catch(noop);
  });
  view.on("retry", function (cmid) { self.transcript.retryPending(cmid); self.outbox.retry(cmid); });
  view.on("remove", function (cmid) { self.transcript.removePending(cmid); self.outbox.remove(cmid); });
  view.on("retryNow", function () { self.reconnect(); });
  view.on("tickets", function () { self.ticketPage.open(); });
  view.on("openChanged", function (open) {
    self.state.open = open;
    if (open) self.markSeen();
    self.save();
  });
  window.addEventListener("online", function () {
    self.trouble.offline = false;
    self.reconnect();
  });
  window.addEventListener("offline", function () {
    self.trouble.offline = true;
    self.refreshBanner();
  });
};

Chat.prototype.start = function () {
  var self = this;
  self.setLang(self.lang, false);
  self.api.categories().then(function (body) {
    self.categories = body.categories;
    self.showMenu();
  }).catch(noop);
  self.state.outbox.forEach(function (item) { self.transcript.addPending(item); });
  if (self.state.open) self.view.setOpen(true, false);
  self.refreshBanner();
  if (!self.state.id) {
    self.outbox.flush();
    return;
  }
  self.replaying = true;
  self.restore(0).then(function () {
    self.replaying = false;
    if (self.view.log.querySelector(".msg")) self.view.showMenuBlock(false);
    self.openStream();
    self.outbox.flush();
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
  ["id", "token", "cursor"].forEach(function (key) { delete this.state[key]; }, this);
  this.state.done = {};
  this.state.seen = 0;
  this.save();
};

// `explicit`: the user pressed the switch; otherwise the widget follows the conversation.
Chat.prototype.setLang = function (lang, explicit) {
  var self = this;
  self.lang = lang;
  self.state.lang = lang;
  if (explicit) self.state.langChosen = true;
  self.save();
  self.view.applyStrings(lang);
  self.showMenu();
  if (explicit && self.state.id) {
    var session = self.state;
    self.langSync = self.langSync.then(function () { return self.api.setLang(session, lang); })
      .catch(noop);
  }
};

Chat.prototype.showMenu = function () {
  var lang = this.lang;
  var menu = this.categories.filter(function (c) { return MENU_HIDDEN.indexOf(c.id) < 0; });
  this.view.showMenu(menu.map(function (c) { return c.names[lang] || c.id; }));
};

Chat.prototype.remember = function (key, value) {
  this.state.done[key] = value || true;
  this.save();
};

Chat.prototype.send = function (text) {
  this.view.showMenuBlock(false);
  this.transcript.addPending(this.outbox.add(text));
};

Chat.prototype.ensureConversation = function () {
  var self = this;
  if (self.state.id) return Promise.resolve();
  return self.api.createConversation(self.state.langChosen ? self.lang : null).then(function (c) {
    self.state.id = c.id;
    self.state.token = c.token;
    self.state.cursor = 0;
    self.save();
    self.openStream();
  });
};

Chat.prototype.deliver = function (item) {
  var self = this;
  return self.langSync.then(function () { return self.ensureConversation(); })
    .then(function () { return self.api.send(self.state, item); });
};

Chat.prototype.outboxHooks = function () {
  var self = this;
  return {
    sent: function (item, result) {
      self.trouble.outbox = null;
      self.refreshBanner();
      self.transcript.confirm(item.cmid, result.message);
      var r = result.reply;
      if (r) {
        if (r.lang && r.lang !== self.lang) self.setLang(r.lang, false);
        self.transcript.message({ message_id: r.message_id, role: "bot", text: r.reply, reply: r,
          reply_to: result.message.id, created_at: result.message.created_at }, null,
        self.state.done["feedback:" + r.message_id]);
      }
      self.setHandoff(result.state);
    },
    failed: function (item) {
      self.trouble.outbox = null;
      self.refreshBanner();
      self.transcript.markPending(item.cmid, "failed", item.failed);
    },
    waiting: function (item, retryAt, status) {
      self.trouble.outbox = status === 0 ? retryAt : null;
      self.refreshBanner();
      self.transcript.markPending(item.cmid, status === 0 ? "waiting" : "sending");
    },
    idle: function () {
      if (self.trouble.outbox === null) return;
      self.trouble.outbox = null;
      self.refreshBanner();
    },
  };
};

Chat.prototype.reconnect = function () {
  this.outbox.nudge();
  if (this.stream) this.stream.nudge();
  this.refreshBanner();
};

Chat.prototype.refreshBanner = function () {
  var t = this.trouble;
  var times = [t.outbox, t.stream].filter(function (x) { return x !== null; });
  var retryAt = times.length ? Math.min.apply(null, times) : null;
  this.view.showBanner(t.offline || retryAt !== null ? { retryAt: retryAt } : null);
};

Chat.prototype.openStream = function () {
  var self = this;
  if (self.stream || !self.state.id) return;
  var url = self.api.base + "/v1/conversations/" + self.state.id + "/events";
  self.stream = new EventStream(url, self.state.token, self.state.cursor || 0, function (event) {
    self.handle(event);
  }, function (trouble) {
    self.trouble.stream = trouble ? trouble.retryAt : null;
    self.refreshBanner();
  });
  self.stream.start();
};

Chat.prototype.markSeen = function () {
  this.state.seen = Math.max(this.state.seen, this.state.cursor || 0);
  this.unread = { count: 0, preview: null };
  this.view.showUnread(0, null);
};
