// The outbox: messages leave in the order they were typed, each with its client_message_id, so a
// retry after a lost response is stored once (the server answers it from the first attempt).
// It never wedges (docs/web.md, "Outbox"):
// - no answer (offline, dropped connection), 429 or 503: the same message is retried with
//   exponential backoff for as long as it takes; the others wait behind it, in order;
// - another 5xx: retried with backoff MAX_SERVER_ERRORS times, then marked failed;
// - any other 4xx: marked failed at once (the request itself is wrong: retrying cannot help).
// A failed message stays in the transcript with Retry and Delete, and those after it go on.
// Whatever the server shows stored under a client_message_id (delivered) is never sent again.
// Items, attempts and failures live in localStorage, so a reload resumes exactly here.
var MAX_SERVER_ERRORS = 4;
var BACKOFF_FIRST_MS = 1000;
var BACKOFF_MAX_MS = 30000;

function Outbox(state, save, send, hooks) {
  this.state = state; // { outbox: [{cmid, text, at, attempts, failed}] } of the Store
  this.save = save;
  this.sendItem = send; // item -> Promise of the send result
  this.hooks = hooks; // sent(item, result), failed(item, error), waiting(item, retryAt), idle()
  this.sending = false;
  this.timer = null;
  this.retryAt = null;
}

Outbox.prototype.items = function () {
  return this.state.outbox;
};

Outbox.prototype.add = function (text) {
  var item = { cmid: newClientMessageId(), text: text, at: new Date().toISOString(), attempts: 0 };
  this.state.outbox.push(item);
  this.save();
  this.flush();
  return item;
};

// Anything still to go out (failed messages wait for the user, not for the network).
Outbox.prototype.busy = function () {
  return this.sending || this.state.outbox.some(function (item) { return !item.failed; });
};

Outbox.prototype.next = function () {
  return this.state.outbox.filter(function (item) { return !item.failed; })[0] || null;
};

Outbox.prototype.flush = function () {
  var self = this;
  var item = self.next();
  if (self.sending || self.timer || !item) {
    if (!self.busy()) self.hooks.idle();
    return;
  }
  self.sending = true;
  self.sendItem(item).then(function (result) {
    self.remove(item.cmid);
    self.hooks.sent(item, result);
  }, function (error) {
    // Unless the stream showed it stored meanwhile (delivered): then its answer was only lost.
    if (self.state.outbox.indexOf(item) >= 0) self.onError(item, error);
  }).then(function () {
    self.sending = false;
    self.flush();
  });
};

Outbox.prototype.onError = function (item, error) {
  var status = error.status || 0;
  item.attempts = (item.attempts || 0) + 1;
  var transient = status === 0 || status === 429 || status === 503;
  var serverFault = status >= 500 && item.attempts < MAX_SERVER_ERRORS;
  if (transient || serverFault) {
    this.retryAt = Date.now() + backoff(item.attempts);
    this.save();
    this.schedule();
    this.hooks.waiting(item, this.retryAt, status);
    return;
  }
  item.failed = error.code || (status >= 500 ? "server_error" : "refused");
  this.save();
  this.hooks.failed(item, error);
};

// 1 s, 2 s, 4 s ... 30 s, each ±20 % so a crowd of widgets does not come back in step.
function backoff(attempts) {
  var base = Math.min(BACKOFF_FIRST_MS * Math.pow(2, attempts - 1), BACKOFF_MAX_MS);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

Outbox.prototype.schedule = function () {
  var self = this;
  clearTimeout(self.timer);
  self.timer = setTimeout(function () {
    self.timer = null;
    self.retryAt = null;
    self.flush();
  }, Math.max(0, self.retryAt - Date.now()));
};

// Retry now: the network is back, or the user asked.
Outbox.prototype.nudge = function () {
  if (!this.timer) return;
  clearTimeout(this.timer);
  this.timer = null;
  this.retryAt = null;
  this.flush();
};

// A failed message sent again goes to the end: it is now the latest thing the user said.
Outbox.prototype.retry = function (cmid) {
  var item = this.remove(cmid);
  if (!item) return;
  item.failed = null;
  item.attempts = 0;
  this.state.outbox.push(item);
  this.save();
  this.flush();
};

// The server has it: the stream or the log brought its copy, which can come before the send's
// own answer (or instead of a lost one). Nothing is left to send: a failed or waiting copy goes,
// and one in flight is not retried if its answer fails.
Outbox.prototype.delivered = function (cmid) {
  var waitedFor = this.timer ? this.next() : null;
  var item = this.remove(cmid);
  if (item && item === waitedFor) this.nudge(); // the next one need not wait for its backoff
};

Outbox.prototype.remove = function (cmid) {
  var items = this.state.outbox;
  for (var i = 0; i < items.length; i += 1) {
    if (items[i].cmid === cmid) {
      var item = items.splice(i, 1)[0];
      this.save();
      return item;
    }
  }
  return null;
};

function newClientMessageId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return "m-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
}
