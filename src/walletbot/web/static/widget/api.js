// The conversation API (/v1/conversations) and the outbox that retries unsent messages with the
// same client_message_id, so a retry after a lost response never stores a message twice.
function Api(base) {
  this.base = base;
}

Api.prototype.request = function (method, path, token, body) {
  var headers = { Accept: "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(this.base + path, {
    method: method,
    headers: headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(function (response) {
    return response.text().then(function (text) {
      var data = text ? JSON.parse(text) : null;
      if (!response.ok) {
        var error = new Error((data && data.error && data.error.message) || response.statusText);
        error.status = response.status;
        error.code = data && data.error && data.error.code;
        throw error;
      }
      return data;
    });
  });
};

Api.prototype.categories = function () {
  return this.request("GET", "/v1/categories");
};

Api.prototype.createConversation = function () {
  return this.request("POST", "/v1/conversations", null, {});
};

Api.prototype.send = function (session, item) {
  var path = "/v1/conversations/" + session.id + "/messages";
  return this.request("POST", path, session.token, {
    text: item.text,
    client_message_id: item.cmid,
  });
};

Api.prototype.eventsAfter = function (session, cursor) {
  var path = "/v1/conversations/" + session.id + "/messages?limit=500&after=" + (cursor || 0);
  return this.request("GET", path, session.token);
};

Api.prototype.feedback = function (session, body) {
  return this.request("POST", "/v1/conversations/" + session.id + "/feedback", session.token, body);
};

// Network failures, 429 and 5xx are worth retrying; other errors are the message's fault.
function retryable(error) {
  return !error.status || error.status === 429 || error.status >= 500;
}

function newClientMessageId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return "m-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
}

// Persistent state of one widget: conversation id, token, cursor and the unsent messages.
function Store(key) {
  this.key = key;
}

Store.prototype.load = function () {
  try {
    return JSON.parse(localStorage.getItem(this.key) || "null") || { outbox: [] };
  } catch (e) {
    return { outbox: [] };
  }
};

Store.prototype.save = function (state) {
  try {
    localStorage.setItem(this.key, JSON.stringify(state));
  } catch (e) {
    /* private mode or full storage: the widget still works for this page view */
  }
};
