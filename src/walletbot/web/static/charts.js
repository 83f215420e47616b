// Hand-written SVG charts for the dashboard: horizontal bars and stacked day columns.
// Presentation attributes only (no style attributes), so a strict CSP allows them.
var Charts = (function () {
  var NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1f6feb", "#2da44e", "#f5a623", "#c4321c", "#8250df", "#1b998b", "#9aa4b2"];

  function svg(width, height, label) {
    var node = document.createElementNS(NS, "svg");
    node.setAttribute("viewBox", "0 0 " + width + " " + height);
    node.setAttribute("width", width); // natural size; CSS shrinks it on narrow screens
    node.setAttribute("role", "img");
    node.setAttribute("aria-label", label);
    return node;
  }

  function add(parent, tag, attrs, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  // rows: [{label, value, text, color?}]; value scaled to `max` (default: the largest).
  function bars(container, rows, label, max) {
    container.textContent = "";
    if (!rows.length) return;
    var rowHeight = 26;
    var width = 520;
    var labelWidth = 170;
    var top = max || Math.max.apply(null, rows.map(function (r) { return r.value; })) || 1;
    var chart = svg(width, rows.length * rowHeight + 4, label);
    rows.forEach(function (row, i) {
      var y = i * rowHeight + 4;
      var length = Math.max(2, (width - labelWidth - 70) * (row.value / top));
      add(chart, "text", { x: labelWidth - 8, y: y + 15, "text-anchor": "end", "font-size": 12,
        fill: "#394150" }, row.label);
      add(chart, "rect", { x: labelWidth, y: y + 2, width: length, height: 18, rx: 3,
        fill: row.color || PALETTE[0] });
      add(chart, "text", { x: labelWidth + length + 6, y: y + 15, "font-size": 12,
        fill: "#1d2330" }, row.text);
    });
    container.appendChild(chart);
  }

  // days: [{day, counts: {category: n}}] as stacked columns with a legend.
  function stacked(container, days, label) {
    container.textContent = "";
    if (!days.length) return;
    var keys = [];
    days.forEach(function (d) {
      Object.keys(d.counts).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
    });
    var width = 560;
    var height = 220;
    var chartTop = 10;
    var chartBottom = 170;
    var totals = days.map(function (d) {
      return keys.reduce(function (sum, k) { return sum + (d.counts[k] || 0); }, 0);
    });
    var top = Math.max.apply(null, totals) || 1;
    var step = (width - 40) / days.length;
    var barWidth = Math.min(40, step * 0.7);
    var chart = svg(width, height + Math.ceil(keys.length / 3) * 16, label);
    add(chart, "line", { x1: 30, x2: width, y1: chartBottom, y2: chartBottom, stroke: "#c5cdd9" });
    add(chart, "text", { x: 26, y: chartTop + 10, "text-anchor": "end", "font-size": 11,
      fill: "#5b6475" }, String(top));
    days.forEach(function (d, i) {
      var x = 36 + i * step;
      var y = chartBottom;
      keys.forEach(function (k, ki) {
        var h = ((d.counts[k] || 0) / top) * (chartBottom - chartTop);
        if (!h) return;
        y -= h;
        add(chart, "rect", { x: x, y: y, width: barWidth, height: h,
          fill: PALETTE[ki % PALETTE.length] });
      });
      add(chart, "text", { x: x + barWidth / 2, y: chartBottom + 14, "text-anchor": "middle",
        "font-size": 10, fill: "#5b6475" }, d.day.slice(5));
    });
    keys.forEach(function (k, ki) {
      var lx = 36 + (ki % 3) * 180;
      var ly = height - 16 + Math.floor(ki / 3) * 16;
      add(chart, "rect", { x: lx, y: ly - 9, width: 10, height: 10,
        fill: PALETTE[ki % PALETTE.length] });
      add(chart, "text", { x: lx + 14, y: ly, "font-size": 11, fill: "#394150" }, k);
    });
    container.appendChild(chart);
  }

  return { bars: bars, stacked: stacked, palette: PALETTE };
})();
