// The conversation API (/v1/conversations, /v1/tickets) and the widget's state in localStorage.
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
      var data = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch (e) {
        data = null; // a proxy's HTML error page: the status says enough
      }
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

Api.prototype.createConversation = function (lang) {
  return this.request("POST", "/v1/conversations", null, lang ? { lang: lang } : {});
};

Api.prototype.setLang = function (session, lang) {
  return this.request("PUT", "/v1/conversations/" + session.id + "/lang", session.token,
    { lang: lang });
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

Api.prototype.followCode = function (session, number) {
  var path = "/v1/tickets/" + encodeURIComponent(number) + "/follow-code";
  return this.request("POST", path, session.token, {});
};

Api.prototype.followTicket = function (number, code) {
  var path = "/v1/tickets/" + encodeURIComponent(number) + "/follow";
  return this.request("POST", path, null, { code: code });
};

// Persistent state of one widget: conversation id, token, cursor, language, the outbox, what was
// already rated, whether the panel was open and up to which event the user has seen.
function Store(key) {
  this.key = key;
}

Store.prototype.load = function () {
  try {
    var state = JSON.parse(localStorage.getItem(this.key) || "null") || {};
    return typeof state === "object" ? state : {};
  } catch (e) {
    return {};
  }
};

Store.prototype.save = function (state) {
  try {
    localStorage.setItem(this.key, JSON.stringify(state));
  } catch (e) {
    /* private mode or full storage: the widget still works for this page view */
  }
};
