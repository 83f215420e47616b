// What the widget does to any text before showing it: bidirectional controls removed (they can
// make "0128" read as "8210"; docs/web.md, "Bidirectional text"), the shield's English mask labels
// put in the language shown, and times in the reader's locale.

// Explicit embeddings, overrides and isolates, and the invisible marks: none has a use in Chinese
// or English text, and each can reorder what follows it.
var BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

function cleanText(text) {
  return String(text === null || text === undefined ? "" : text).replace(BIDI_CONTROLS, "");
}

// The shield writes fixed English labels (brain/shield/findings.py, MASKS and CARD_MASK); the widget
// shows them in the conversation's language. A label missing here is shown as the shield wrote it.
var MASK_LABELS = {
  "password": { zh: "密码" },
  "code": { zh: "验证码" },
  "id number": { zh: "身份证号" },
  "account number": { zh: "账号" },
  "seed phrase": { zh: "助记词" },
  "private key": { zh: "私钥" },
  "phone": { zh: "手机号" },
  "email": { zh: "邮箱" },
  "card": { zh: "卡号" },
  "pin": { zh: "支付密码" },
  "cvv": { zh: "安全码" },
};
var MASK = /\[([a-z][a-z ]{1,30}?)( ••••\d{4})?\]/g;

function localiseMasks(text, lang) {
  return text.replace(MASK, function (whole, label, tail) {
    var names = MASK_LABELS[label];
    var name = names && names[lang];
    return name ? "[" + name + (tail || "") + "]" : whole;
  });
}

function displayText(text, lang) {
  return localiseMasks(cleanText(text), lang);
}

// "14:03" today, "12月5日 14:03" / "5 Dec, 14:03" on another day.
function formatTime(iso, strings) {
  var when = iso ? new Date(iso) : new Date();
  if (isNaN(when.getTime())) return "";
  var sameDay = when.toDateString() === new Date().toDateString();
  var options = sameDay ? { hour: "2-digit", minute: "2-digit" }
    : { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
  return new Intl.DateTimeFormat(strings.locale, options).format(when);
}
