// <walletbot-chat lang="en" heading="..."> and the one-script-tag embedding. The API base is
// where this script came from, unless the element names another with api-base="...".
var SCRIPT = document.currentScript;
var SCRIPT_BASE = SCRIPT && SCRIPT.src
  ? new URL(SCRIPT.src, location.href).href.replace(/\/widget\.js(\?.*)?$/, "")
  : location.origin;

class WalletbotChat extends HTMLElement {
  connectedCallback() {
    if (this.chat) return;
    var base = (this.getAttribute("api-base") || SCRIPT_BASE).replace(/\/+$/, "");
    var root = this.attachShadow({ mode: "open" });
    var view = new View(root, this, base, this.getAttribute("heading"));
    var store = new Store("walletbot:" + base);
    this.chat = new Chat(view, new Api(base), store, pickLang(this.getAttribute("lang")));
    this.chat.start();
  }

  // Lets the host page open the panel, e.g. from its own "Help" link.
  open() {
    if (this.chat) this.chat.view.setOpen(true);
  }
}

if (!customElements.get("walletbot-chat")) {
  customElements.define("walletbot-chat", WalletbotChat);
}

function mountFromScriptTag() {
  if (!SCRIPT || SCRIPT.getAttribute("data-mount") === "manual") return;
  if (document.querySelector("walletbot-chat")) return; // the page placed its own element
  var element = document.createElement("walletbot-chat");
  var lang = SCRIPT.getAttribute("data-lang");
  var heading = SCRIPT.getAttribute("data-title");
  if (lang) element.setAttribute("lang", lang);
  if (heading) element.setAttribute("heading", heading);
  document.body.appendChild(element);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountFromScriptTag);
} else {
  mountFromScriptTag();
}
