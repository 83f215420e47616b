// Server-sent events over fetch: EventSource cannot send the Authorization header the API needs.
// Behaves like EventSource: honours `retry:`, reconnects with Last-Event-ID after a drop or a
// server shutdown, and hands each event to `onEvent` once (ids at or below the cursor are skipped).
// `onState(trouble)` hears when reconnecting fails (trouble.retryAt: when it tries again) and when
// the stream is back (trouble null): the widget's offline banner.
function EventStream(url, token, cursor, onEvent, onState) {
  this.url = url;
  this.token = token;
  this.cursor = cursor || 0;
  this.onEvent = onEvent;
  this.onState = onState || function () {};
  this.retryMs = 2000;
  this.failures = 0;
  this.stopped = false;
  this.controller = null;
  this.timer = null;
}

EventStream.prototype.start = function () {
  var self = this;
  if (self.stopped || self.controller) return;
  self.controller = new AbortController();
  var headers = { Accept: "text/event-stream", Authorization: "Bearer " + self.token };
  if (self.cursor) headers["Last-Event-ID"] = String(self.cursor);
  fetch(self.url, { headers: headers, signal: self.controller.signal, cache: "no-store" })
    .then(function (response) {
      if (!response.ok || !response.body) throw new Error("stream status " + response.status);
      self.failures = 0;
      self.onState(null);
      return self.read(response.body.getReader());
    })
    .catch(function () {
      self.failures += 1;
    })
    .then(function () {
      self.controller = null;
      var delay = self.scheduleReconnect();
      if (self.failures && !self.stopped) self.onState({ retryAt: Date.now() + delay });
    });
};

EventStream.prototype.read = function (reader) {
  var self = this;
  var decoder = new TextDecoder();
  var buffer = "";
  function pump() {
    return reader.read().then(function (chunk) {
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, "\n");
      var end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        self.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
      return pump();
    });
  }
  return pump();
};

EventStream.prototype.dispatch = function (block) {
  var data = [];
  var id = null;
  block.split("\n").forEach(function (line) {
    if (!line || line.charAt(0) === ":") return;
    var colon = line.indexOf(":");
    var field = colon < 0 ? line : line.slice(0, colon);
    var value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "data") data.push(value);
    else if (field === "id") id = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.retryMs = parseInt(value, 10);
  }, this);
  if (!data.length) return;
  var event = JSON.parse(data.join("\n"));
  var seq = id !== null ? parseInt(id, 10) : event.id;
  if (seq <= this.cursor) return;
  this.cursor = seq;
  this.onEvent(event);
};

EventStream.prototype.scheduleReconnect = function () {
  var self = this;
  if (self.stopped) return 0;
  var delay = Math.min(self.retryMs * Math.pow(2, Math.min(self.failures, 4)), 30000);
  clearTimeout(self.timer);
  self.timer = setTimeout(function () {
    self.start();
  }, delay);
  return delay;
};

// Reconnect at once (the browser came back online).
EventStream.prototype.nudge = function () {
  if (this.controller || this.stopped) return;
  clearTimeout(this.timer);
  this.failures = 0;
  this.start();
};

EventStream.prototype.stop = function () {
  this.stopped = true;
  clearTimeout(this.timer);
  if (this.controller) this.controller.abort();
};
