// UI strings of the widget in both languages; the bot's own replies come from the server.
var STRINGS = {
  zh: {
    title: "在线客服",
    open: "打开在线客服",
    close: "关闭",
    switchLang: "English",
    switchLangLabel: "切换到英文",
    transcript: "对话记录",
    placeholder: "请输入您的问题…",
    inputLabel: "您的消息",
    send: "发送",
    menu: "您遇到的是哪类问题？",
    sending: "发送中…",
    offline: "网络已断开，恢复后会自动重发",
    failed: "消息未能发送",
    helpful: "这个回答有帮助吗？",
    yes: "有帮助",
    no: "没有帮助",
    thanks: "谢谢您的反馈！",
    masked: "敏感信息已隐藏",
    queue: "排队中：第 {position} 位，预计等待约 {minutes} 分钟",
    agent: "人工客服 {agent} 正在为您服务",
    ticket: "工单 {number}：{status}",
    ticketStatus: { open: "待处理", in_progress: "处理中", resolved: "已解决" },
    rate: "请为本次服务评分",
    star: "{n} 分（满分 5 分）",
    rated: "感谢您的评分！",
    you: "您",
    bot: "智能助手",
    agentRole: "客服",
    errorTooLong: "消息太长了，请精简后再发送。",
  },
  en: {
    title: "Support chat",
    open: "Open support chat",
    close: "Close",
    switchLang: "中文",
    switchLangLabel: "Switch to Chinese",
    transcript: "Conversation",
    placeholder: "Type your question…",
    inputLabel: "Your message",
    send: "Send",
    menu: "What is your question about?",
    sending: "Sending…",
    offline: "You are offline; messages will be sent when you reconnect",
    failed: "Message not sent",
    helpful: "Was this helpful?",
    yes: "Helpful",
    no: "Not helpful",
    thanks: "Thanks for your feedback!",
    masked: "Sensitive data hidden",
    queue: "In the queue: number {position}, about {minutes} min wait",
    agent: "{agent} from support is helping you",
    ticket: "Ticket {number}: {status}",
    ticketStatus: { open: "open", in_progress: "in progress", resolved: "resolved" },
    rate: "How would you rate this conversation?",
    star: "{n} out of 5",
    rated: "Thank you for your rating!",
    you: "You",
    bot: "Assistant",
    agentRole: "Agent",
    errorTooLong: "That message is too long; please shorten it.",
  },
};

function pickLang(requested) {
  var raw = (requested || navigator.language || "en").toLowerCase();
  return raw.indexOf("zh") === 0 ? "zh" : "en";
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, function (_, key) {
    return values[key] === undefined ? "" : String(values[key]);
  });
}
