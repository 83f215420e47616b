// Shared by the console and the dashboard: the key (sessionStorage only: gone with the tab),
// API calls with it, the sign-in form and the language switch.
var Ops = (function () {
  var KEY = "walletbot:key";
  var LANG = "walletbot:ops-lang";

  function Page(strings, onSignedIn) {
    this.strings = strings;
    this.lang = localStorage.getItem(LANG) || ((navigator.language || "").indexOf("zh") === 0
      ? "zh" : "en");
    this.onSignedIn = onSignedIn;
    this.onLang = function () {};
    this.agent = null;
  }

  Page.prototype.t = function (name, values) {
    var text = this.strings[this.lang][name] || name;
    return text.replace(/\{(\w+)\}/g, function (_, k) { return values ? values[k] : ""; });
  };

  Page.prototype.applyStrings = function () {
    var self = this;
    document.documentElement.lang = self.lang;
    document.title = "walletbot · " + self.t("title");
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = self.t(node.getAttribute("data-i18n"));
    });
    // The accessible name is the visible text ("English"), in the language it is written in.
    var toggle = document.getElementById("lang");
    toggle.textContent = self.lang === "zh" ? "English" : "中文";
    toggle.setAttribute("lang", self.lang === "zh" ? "en" : "zh");
    self.onLang();
  };

  Page.prototype.api = function (method, path, body) {
    var self = this;
    var headers = { Authorization: "Bearer " + sessionStorage.getItem(KEY) };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(path, { method: method, headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body) }).then(function (r) {
      if (r.status === 401) { self.signOut(); throw new Error("unauthorized"); }
      if (r.status === 204) return null;
      return r.json().then(function (data) {
        if (!r.ok) {
          var error = new Error((data.error && data.error.message) || r.statusText);
          error.status = r.status;
          throw error;
        }
        return data;
      });
    });
  };

  // `check` is a call that proves the key works (and, for the dashboard, that it is an admin's).
  Page.prototype.start = function (check) {
    var self = this;
    self.applyStrings();
    document.getElementById("lang").addEventListener("click", function () {
      self.lang = self.lang === "zh" ? "en" : "zh";
      localStorage.setItem(LANG, self.lang);
      self.applyStrings();
    });
    document.getElementById("signout").addEventListener("click", function () { self.signOut(); });
    document.getElementById("signin").addEventListener("submit", function (event) {
      event.preventDefault();
      sessionStorage.setItem(KEY, document.getElementById("key").value.trim());
      self.enter(check);
    });
    if (sessionStorage.getItem(KEY)) self.enter(check);
    else document.getElementById("key").focus();
  };

  Page.prototype.enter = function (check) {
    var self = this;
    var error = document.getElementById("signin-error");
    check(self).then(function (agent) {
      self.agent = agent;
      error.textContent = "";
      document.getElementById("signin").hidden = true;
      document.getElementById("signout").hidden = false;
      document.getElementById("who").textContent = agent.name ? agent.name : "";
      self.onSignedIn();
    }).catch(function (e) {
      sessionStorage.removeItem(KEY);
      error.textContent = self.t("badKey") + (e && e.message ? " (" + e.message + ")" : "");
    });
  };

  Page.prototype.signOut = function () {
    sessionStorage.removeItem(KEY);
    location.reload();
  };

  // Bidirectional overrides and isolates can make "0128" read as "8210": every text the pages
  // show goes through el(), which drops them (docs/web.md, "Bidirectional text").
  var BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

  function clean(text) {
    return String(text).replace(BIDI_CONTROLS, "");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = clean(text);
    return node;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "–";
    var s = Math.round(seconds);
    if (s < 60) return s + "s";
    if (s < 3600) return Math.floor(s / 60) + "m " + (s % 60) + "s";
    return Math.floor(s / 3600) + "h " + Math.round((s % 3600) / 60) + "m";
  }

  return { Page: Page, el: el, clean: clean, duration: duration };
})();
