// The agent console: queue, claim, masked transcript, reply (with FAQ answers), resolve or hand
// back, tickets. Polls the agent API every few seconds (each call also keeps the agent on duty).
(function () {
  var el = Ops.el;
  var POLL_MS = 2500;
  var TYPING_EVERY_MS = 3000; // the widget shows "typing" for 6 s after each signal
  var STRINGS = {
    zh: {
      title: "客服工作台", signInTitle: "客服登录", keyLabel: "客服密钥", signIn: "登录",
      signOut: "退出", badKey: "密钥无效", queue: "排队中的会话", claimNext: "接入下一位",
      queueSummary: "{count} 位用户在等待 · 在线客服 {agents} 位", empty: "没有等待中的会话",
      conversation: "当前会话", resolve: "标记已解决", handBack: "交回机器人", send: "发送",
      replyLabel: "回复内容", faqSearch: "搜索常见问题", search: "搜索", insert: "插入答案",
      tickets: "工单", noTickets: "暂无工单", open: "查看", none: "请从左侧接入一个会话",
      category: "问题类型", confidence: "置信度", reason: "转人工原因", priority: "优先级",
      status: "状态", waited: "已等待 {time}", user: "用户", bot: "机器人", agent: "客服",
      urgent: "紧急", high: "高", normal: "普通", low_confidence: "机器人无法回答",
      user_request: "用户要求人工", not_helpful: "回答没有帮助", queued: "排队中",
      assigned: "已接入", ticket: "工单", resolved: "已解决", in_progress: "处理中",
      urgent_reason: "紧急", when: "发生时间", amount: "金额", method: "支付方式",
      reference: "单号", skipped: "（用户跳过）",
    },
    en: {
      title: "Agent console", signInTitle: "Agent sign-in", keyLabel: "Agent key",
      signIn: "Sign in", signOut: "Sign out", badKey: "Unknown key", queue: "Queue",
      claimNext: "Claim next", queueSummary: "{count} waiting · agents on duty: {agents}",
      empty: "Nobody is waiting", conversation: "Conversation", resolve: "Resolve",
      handBack: "Hand back to bot", send: "Send", replyLabel: "Reply", faqSearch: "Search the FAQ",
      search: "Search", insert: "Insert answer", tickets: "Tickets", noTickets: "No tickets",
      open: "Open", none: "Claim a conversation from the queue", category: "Category",
      confidence: "Confidence", reason: "Hand-off reason", priority: "Priority", status: "Status",
      waited: "waiting {time}", user: "User", bot: "Bot", agent: "Agent", urgent: "urgent",
      high: "high", normal: "normal", low_confidence: "bot could not answer",
      user_request: "asked for a person", not_helpful: "answer not helpful", queued: "queued",
      assigned: "assigned", ticket: "ticket", resolved: "resolved", in_progress: "in progress",
      urgent_reason: "urgent", when: "When", amount: "Amount", method: "Method",
      reference: "Reference", skipped: "(skipped by the user)",
    },
  };
  var page = new Ops.Page(STRINGS, signedIn);
  var $ = function (id) { return document.getElementById(id); };
  var state = { queue: null, tickets: [], current: sessionStorage.getItem("walletbot:current") };
  var timer = null;
  var lastTyping = 0;

  function signedIn() {
    $("desk").hidden = false;
    page.onLang = render;
    refresh();
  }

  function refresh() {
    clearTimeout(timer);
    var calls = [page.api("GET", "/v1/agent/queue"), page.api("GET", "/v1/agent/tickets?limit=50")];
    if (state.current) {
      // Once resolved, handed back or taken by another agent, a conversation is no longer this
      // agent's to read (403): the console lets go of it instead of failing every poll.
      calls.push(page.api("GET", "/v1/agent/conversations/" + state.current).catch(function (e) {
        if (e.status !== 403 && e.status !== 404) throw e;
        state.current = null;
        sessionStorage.removeItem("walletbot:current");
        return null;
      }));
    }
    Promise.all(calls).then(function (results) {
      state.queue = results[0];
      state.tickets = results[1].tickets;
      state.conversation = results[2] || null;
      render();
    }).catch(function () {}).then(function () { timer = setTimeout(refresh, POLL_MS); });
  }

  function render() {
    if (!state.queue) return;
    keepFocus($("queue"), renderQueue);
    renderConversation();
    keepFocus($("tickets"), renderTickets);
  }

  // Lists are rebuilt on every poll: a keyboard user's focus goes back to the same item (or to
  // the list's heading when the item left), never to the page.
  function keepFocus(list, rebuild) {
    var active = document.activeElement;
    var key = list.contains(active) ? active.getAttribute("data-key") : null;
    rebuild();
    if (key === null) return;
    var again = list.querySelector('[data-key="' + key + '"]');
    var section = list.closest("section");
    (again || list.querySelector("button") || section.querySelector("button") ||
      section.querySelector("h2")).focus();
  }

  function renderQueue() {
    var list = $("queue");
    list.textContent = "";
    $("queue-summary").textContent = page.t("queueSummary",
      { count: state.queue.items.length, agents: state.queue.active_agents });
    if (!state.queue.items.length) list.appendChild(el("li", "muted", page.t("empty")));
    state.queue.items.forEach(function (item) {
      var button = el("button", "item " + item.priority);
      button.type = "button";
      button.setAttribute("data-key", item.conversation_id);
      var line = el("span", "line");
      line.appendChild(el("span", "badge " + item.priority, page.t(item.priority)));
      line.appendChild(el("span", "", page.t(item.reason || "") + " · " + (item.category || "")));
      line.appendChild(el("span", "muted", page.t("waited", { time: Ops.duration(item.waited_seconds) })));
      button.appendChild(line);
      var lastUser = item.transcript.filter(function (m) { return m.role === "user"; }).pop();
      button.appendChild(el("p", "preview", lastUser ? lastUser.text : ""));
      button.addEventListener("click", function () {
        act("POST", "/v1/agent/conversations/" + item.conversation_id + "/claim").then(open);
      });
      var li = el("li");
      li.appendChild(button);
      list.appendChild(li);
    });
  }

  function renderConversation() {
    var c = state.conversation;
    var meta = $("meta");
    var transcript = $("transcript");
    meta.textContent = "";
    var editable = !!c && (c.status === "assigned" || c.status === "ticket");
    ["reply", "send", "resolve"].forEach(function (id) { $(id).disabled = !editable; });
    $("handback").disabled = !c || c.status !== "assigned";
    if (!c) { transcript.textContent = page.t("none"); return; }
    [["status", page.t(c.status)], ["priority", page.t(c.priority || "normal")],
     ["category", c.category || "–"],
     ["confidence", c.confidence === null ? "–" : Math.round(c.confidence * 100) + "%"],
     ["reason", page.t(c.reason || "–")]].forEach(function (pair) {
      var row = el("div");
      row.appendChild(el("dt", "", page.t(pair[0])));
      row.appendChild(el("dd", "", pair[1]));
      meta.appendChild(row);
    });
    // Guided details the user gave before or while waiting (docs/dialogue.md): the parsed value
    // first, with what they wrote when it differs.
    Object.keys(c.details || {}).forEach(function (field) {
      var fact = c.details[field];
      var shown = !fact ? page.t("skipped")
        : fact.value && fact.value !== fact.text ? fact.value + " (" + fact.text + ")" : fact.text;
      var row = el("div", "detail");
      row.appendChild(el("dt", "", page.t(field)));
      row.appendChild(el("dd", "", shown));
      meta.appendChild(row);
    });
    var atBottom = transcript.scrollTop + transcript.clientHeight >= transcript.scrollHeight - 20;
    transcript.textContent = "";
    c.transcript.forEach(function (m) {
      var line = el("div", "line-msg " + m.role);
      line.appendChild(el("span", "who", m.author || page.t(m.role)));
      line.appendChild(el("span", "", m.text));
      transcript.appendChild(line);
    });
    if (atBottom) transcript.scrollTop = transcript.scrollHeight;
  }

  function renderTickets() {
    var list = $("tickets");
    list.textContent = "";
    if (!state.tickets.length) list.appendChild(el("li", "muted", page.t("noTickets")));
    state.tickets.forEach(function (t) {
      var button = el("button", "item " + t.priority);
      button.type = "button";
      button.setAttribute("data-key", t.number);
      var line = el("span", "line");
      line.appendChild(el("strong", "", t.number));
      line.appendChild(el("span", "badge " + t.priority, page.t(t.priority)));
      line.appendChild(el("span", "muted", page.t(t.status)));
      button.appendChild(line);
      button.appendChild(el("p", "preview", page.t(t.reason) + " · " + (t.category || "")));
      button.addEventListener("click", function () { open({ conversation_id: t.conversation_id }); });
      var li = el("li");
      li.appendChild(button);
      list.appendChild(li);
    });
  }

  function open(summary) {
    if (!summary) return;
    state.current = summary.conversation_id;
    sessionStorage.setItem("walletbot:current", state.current);
    refresh();
    $("reply").focus();
  }

  function act(method, path, body) {
    return page.api(method, path, body).catch(function (e) { window.alert(e.message); });
  }

  function currentPath(suffix) {
    return "/v1/agent/conversations/" + state.current + suffix;
  }

  $("claim-next").addEventListener("click", function () {
    act("POST", "/v1/agent/claim").then(function (r) { if (r) open(r.conversation); });
  });
  $("reply-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("reply").value.trim();
    if (!text) return;
    act("POST", currentPath("/messages"), { text: text }).then(function (r) {
      if (r) $("reply").value = "";
      lastTyping = 0;
      refresh();
    });
  });
  $("reply").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("send").click();
  });
  // The user's widget shows "<agent> is typing…": one signal every few seconds while writing.
  $("reply").addEventListener("input", function () {
    var now = Date.now();
    if (!state.current || !$("reply").value.trim() || now - lastTyping < TYPING_EVERY_MS) return;
    lastTyping = now;
    page.api("POST", currentPath("/typing")).catch(function () {});
  });
  $("resolve").addEventListener("click", function () {
    act("POST", currentPath("/resolve")).then(refresh);
  });
  $("handback").addEventListener("click", function () {
    act("POST", currentPath("/handback")).then(refresh);
  });
  $("faq-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var q = $("faq-q").value.trim();
    if (!q) return;
    var lang = state.conversation && state.conversation.lang;
    var path = "/v1/agent/faq/search?q=" + encodeURIComponent(q) + (lang ? "&lang=" + lang : "");
    act("GET", path).then(function (r) { if (r) showHits(r.hits); });
  });

  function showHits(hits) {
    var list = $("faq-hits");
    list.textContent = "";
    hits.forEach(function (hit) {
      var li = el("li", "item");
      li.appendChild(el("strong", "", hit.question));
      li.appendChild(el("p", "", hit.answer));
      var insert = el("button", "", page.t("insert"));
      insert.type = "button";
      insert.setAttribute("aria-label", page.t("insert") + ": " + hit.question);
      insert.addEventListener("click", function () {
        var box = $("reply");
        box.value = (box.value ? box.value + "\n" : "") + hit.answer;
        box.focus();
      });
      li.appendChild(insert);
      list.appendChild(li);
    });
  }

  page.start(function (p) { return p.api("POST", "/v1/agent/heartbeat"); });
})();
