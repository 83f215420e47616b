// The demo page's "帮助" link opens the chat, as a host app would.
document.getElementById("help-link").addEventListener("click", function (event) {
  event.preventDefault();
  var chat = document.querySelector("walletbot-chat");
  if (chat && chat.open) chat.open();
});
