// The ops dashboard: figures from GET /v1/admin/stats (admin key), refreshed every 30 s.
(function () {
  var el = Ops.el;
  var STRINGS = {
    zh: {
      title: "运营看板", signInTitle: "管理员登录", keyLabel: "管理员密钥", signIn: "登录",
      signOut: "退出", badKey: "密钥无效或不是管理员", window: "统计区间",
      conversations: "会话数", deflection: "机器人独立解决率", csatTile: "满意度（CSAT）",
      firstResponse: "人工首次响应", resolution: "解决用时", handoffs: "转人工率（按原因）",
      queueWait: "排队等待时间（按优先级）", categories: "每日热门问题类型", csat: "评分分布",
      helpful: "各常见问题的有用率", unanswered: "机器人无法回答的问题",
      unansweredHint: "按相似度分组（已脱敏）：这些是常见问题库需要补充的条目。",
      noData: "暂无数据", ratings: "{n} 个评分", satisfied: "4–5 分占 {rate}",
      p50p90: "中位 {p50} · P90 {p90}", times: "{n} 次",
      low_confidence: "无法回答", user_request: "用户要求", urgent: "紧急",
      not_helpful: "回答无帮助", high: "高", normal: "普通",
    },
    en: {
      title: "Ops dashboard", signInTitle: "Admin sign-in", keyLabel: "Admin key",
      signIn: "Sign in", signOut: "Sign out", badKey: "Unknown key or not an admin",
      window: "Window", conversations: "Conversations", deflection: "Answered by the bot",
      csatTile: "CSAT", firstResponse: "First agent response", resolution: "Time to resolve",
      handoffs: "Hand-off rate by reason", queueWait: "Queue wait by priority",
      categories: "Top categories per day", csat: "Ratings", helpful: "Helpful rate per FAQ entry",
      unanswered: "Questions the bot could not answer",
      unansweredHint: "Grouped by similarity (masked): where the FAQ needs new entries.",
      noData: "No data yet", ratings: "{n} ratings", satisfied: "{rate} rated 4–5",
      p50p90: "p50 {p50} · p90 {p90}", times: "{n}×",
      low_confidence: "could not answer", user_request: "asked for a person", urgent: "urgent",
      not_helpful: "not helpful", high: "high", normal: "normal",
    },
  };
  var page = new Ops.Page(STRINGS, load);
  var $ = function (id) { return document.getElementById(id); };
  var stats = null;
  var timer = null;

  function pct(x) { return x === null || x === undefined ? "–" : Math.round(x * 1000) / 10 + "%"; }

  function load() {
    clearTimeout(timer);
    $("board").hidden = false;
    page.onLang = render;
    page.api("GET", "/v1/admin/stats?days=" + $("days").value).then(function (body) {
      stats = body;
      render();
    }).catch(function () {}).then(function () { timer = setTimeout(load, 30000); });
  }

  function tile(label, value, sub) {
    var node = el("div", "tile");
    node.appendChild(el("p", "label", label));
    node.appendChild(el("p", "value", value));
    if (sub) node.appendChild(el("p", "sub", sub));
    return node;
  }

  function spread(p) {
    return p.count ? page.t("p50p90", { p50: Ops.duration(p.p50), p90: Ops.duration(p.p90) }) : "";
  }

  function orEmpty(container, empty) {
    if (empty) { container.textContent = ""; container.appendChild(el("p", "empty", page.t("noData"))); }
    return empty;
  }

  function render() {
    if (!stats) return;
    var tiles = $("tiles");
    tiles.textContent = "";
    tiles.appendChild(tile(page.t("conversations"), String(stats.conversations)));
    tiles.appendChild(tile(page.t("deflection"), pct(stats.deflection_rate)));
    tiles.appendChild(tile(page.t("csatTile"), stats.csat.average === null ? "–" :
      stats.csat.average.toFixed(2) + " / 5", page.t("satisfied", { rate: pct(stats.csat.satisfied_rate) })));
    tiles.appendChild(tile(page.t("firstResponse"), Ops.duration(stats.first_response_seconds.p50),
      spread(stats.first_response_seconds)));
    tiles.appendChild(tile(page.t("resolution"), Ops.duration(stats.resolution_seconds.p50),
      spread(stats.resolution_seconds)));

    var reasons = Object.keys(stats.handoff_rate);
    if (!orEmpty($("handoffs"), !reasons.length)) {
      Charts.bars($("handoffs"), reasons.map(function (r, i) {
        return { label: page.t(r), value: stats.handoff_rate[r],
          text: pct(stats.handoff_rate[r]) + " (" + stats.handoffs[r] + ")",
          color: Charts.palette[i % Charts.palette.length] };
      }), page.t("handoffs"), 1);
    }
    var waitRows = [];
    Object.keys(stats.queue_wait_seconds).forEach(function (priority) {
      var p = stats.queue_wait_seconds[priority];
      waitRows.push({ label: page.t(priority) + " p50", value: p.p50 || 0, text: Ops.duration(p.p50) });
      waitRows.push({ label: page.t(priority) + " p90", value: p.p90 || 0, text: Ops.duration(p.p90),
        color: "#8250df" });
    });
    if (!orEmpty($("waits"), !waitRows.length)) Charts.bars($("waits"), waitRows, page.t("queueWait"));
    if (!orEmpty($("categories"), !stats.categories_by_day.length)) {
      Charts.stacked($("categories"), stats.categories_by_day, page.t("categories"));
    }
    var ratings = ["5", "4", "3", "2", "1"].map(function (r) {
      return { label: "★ " + r, value: stats.csat.distribution[r] || 0,
        text: String(stats.csat.distribution[r] || 0), color: "#f5a623" };
    });
    if (!orEmpty($("csat"), !stats.csat.count)) Charts.bars($("csat"), ratings, page.t("csat"));
    if (!orEmpty($("helpful"), !stats.helpful.length)) {
      Charts.bars($("helpful"), stats.helpful.slice(0, 12).map(function (h) {
        return { label: h.question.length > 14 ? h.question.slice(0, 13) + "…" : h.question,
          value: h.rate, text: pct(h.rate) + " (" + (h.helpful + h.unhelpful) + ")",
          color: h.rate < 0.5 ? "#c4321c" : "#2da44e" };
      }), page.t("helpful"), 1);
    }
    var groups = $("unanswered");
    groups.textContent = "";
    if (!stats.unanswered.length) groups.appendChild(el("li", "empty", page.t("noData")));
    stats.unanswered.forEach(function (g) {
      var li = el("li");
      li.appendChild(el("span", "count", page.t("times", { n: g.count })));
      li.appendChild(el("span", "examples", g.examples.join(" · ")));
      groups.appendChild(li);
    });
  }

  $("days").addEventListener("change", function () { if (stats) load(); });
  page.start(function (p) {
    return p.api("GET", "/v1/admin/stats?days=1").then(function () { return { name: "admin" }; });
  });
})();
