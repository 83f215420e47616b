// Tickets to follow: the card shown in the chat when a ticket opens (its number and follow code,
// never the conversation token), and the ticket page, reachable from the toolbar here or on any
// other device with the number and the code: status history and the agents' replies.
var TICKET_POLL_MS = 15000;

function ticketCard(view, number, code, onView) {
  var text = el("p", { className: "ticket-text" });
  var codeLine = el("p", { className: "ticket-code" });
  var hint = el("p", { className: "ticket-hint" });
  var button = el("button", { type: "button", className: "chip" });
  button.addEventListener("click", function () { onView(number); });
  var card = el("div", { className: "ticket-card" }, [text, codeLine, hint, button]);
  card.setCode = function (value) {
    code = value;
    view.localised(card, render);
  };
  function render(s) {
    var around = s.ticketOpened.split("{number}"); // the number never breaks across lines
    text.textContent = "";
    text.appendChild(document.createTextNode(around[0]));
    text.appendChild(el("span", { className: "number", text: number }));
    text.appendChild(document.createTextNode(around[1] || ""));
    codeLine.textContent = "";
    if (code) {
      codeLine.appendChild(el("span", { text: s.ticketCode + s.colon }));
      codeLine.appendChild(el("strong", { className: "code", text: code }));
    } else {
      codeLine.textContent = s.ticketCodeLoading;
    }
    hint.textContent = s.ticketCodeHint;
    button.textContent = s.ticketView;
  }
  view.localised(card, render);
  return card;
}

function TicketPage(view, api, known) {
  var self = this;
  self.view = view;
  self.api = api;
  self.known = known; // () -> {number: code} of this browser's conversation
  self.heading = el("h3", { id: "wb-ticket-title", tabindex: "-1" });
  self.back = el("button", { type: "button", className: "tool back" });
  self.mine = el("div", { className: "mine" });
  self.numberLabel = el("label", { for: "wb-ticket-number" });
  self.number = el("input", { id: "wb-ticket-number", autocomplete: "off", spellcheck: "false" });
  self.codeLabel = el("label", { for: "wb-ticket-code" });
  self.code = el("input", { id: "wb-ticket-code", autocomplete: "off", spellcheck: "false" });
  self.lookup = el("button", { type: "submit", className: "submit" });
  self.hint = el("p", { className: "ticket-hint" });
  self.error = el("p", { className: "error", role: "alert" });
  self.form = el("form", { className: "lookup" }, [self.hint, self.numberLabel, self.number,
    self.codeLabel, self.code, self.lookup, self.error]);
  self.detail = el("div", { className: "detail", "aria-live": "polite" });
  self.node = el("section", { className: "ticket-page", "aria-labelledby": "wb-ticket-title" }, [
    el("div", { className: "page-head" }, [self.back, self.heading]), self.mine, self.detail,
    self.form]);
  self.node.hidden = true;
  self.back.addEventListener("click", function () { self.close(); });
  self.form.addEventListener("submit", function (event) {
    event.preventDefault();
    self.load(self.number.value.trim(), self.code.value.trim(), true);
  });
  view.localised(self.node, function (s) {
    self.heading.textContent = s.ticketPanel;
    self.back.textContent = "← " + s.back;
    self.numberLabel.textContent = s.ticketNumber;
    self.codeLabel.textContent = s.ticketCode;
    self.lookup.textContent = s.ticketLookup;
    self.hint.textContent = s.ticketLookupHint;
    if (self.shown) self.render(self.shown);
  });
}

TicketPage.prototype.open = function (number) {
  var self = this;
  var known = self.known();
  var numbers = Object.keys(known);
  self.view.chatView.hidden = true;
  self.node.hidden = false;
  self.mine.textContent = "";
  numbers.forEach(function (n) {
    var button = el("button", { type: "button", className: "chip", text: n });
    button.addEventListener("click", function () { self.load(n, known[n], false); });
    self.mine.appendChild(button);
  });
  var wanted = number || numbers[numbers.length - 1];
  if (wanted && known[wanted]) self.load(wanted, known[wanted], false);
  self.heading.focus();
};

TicketPage.prototype.close = function () {
  clearTimeout(this.timer);
  this.node.hidden = true;
  this.view.chatView.hidden = false;
  this.view.ticketsButton.focus();
};

TicketPage.prototype.load = function (number, code, typed) {
  var self = this;
  clearTimeout(self.timer);
  if (!number || !code) return;
  self.api.followTicket(number, code).then(function (ticket) {
    self.error.textContent = "";
    self.shown = ticket;
    self.render(ticket);
    if (typed) self.detail.focus();
    self.timer = setTimeout(function () {
      if (!self.node.hidden) self.load(number, code, false);
    }, TICKET_POLL_MS);
  }).catch(function (error) {
    if (error.status === 404) self.error.textContent = self.view.strings.ticketNotFound;
  });
};

TicketPage.prototype.render = function (ticket) {
  var s = this.view.strings;
  var lang = this.view.lang;
  var detail = this.detail;
  detail.textContent = "";
  detail.setAttribute("tabindex", "-1");
  detail.appendChild(el("h4", { text: format(s.ticketStatusLine, { number: ticket.number,
    status: s.ticketStatus[ticket.status] }) }));
  detail.appendChild(el("p", { className: "muted", text: format(s.ticketUpdated,
    { time: formatTime(ticket.updated_at, s) }) }));
  detail.appendChild(el("h5", { text: s.ticketHistory }));
  detail.appendChild(el("ol", { className: "history" }, ticket.history.map(function (h) {
    return el("li", {}, [el("span", { text: s.ticketStatus[h.status] }),
      el("time", { datetime: h.at, text: formatTime(h.at, s) })]);
  })));
  detail.appendChild(el("h5", { text: s.ticketReplies }));
  if (!ticket.replies.length) detail.appendChild(el("p", { className: "muted", text: s.ticketNoReplies }));
  ticket.replies.forEach(function (r) {
    detail.appendChild(el("div", { className: "msg msg-agent" }, [
      el("bdi", { className: "author", text: cleanText(r.author || s.agentRole) }),
      el("p", { className: "text", dir: "auto", text: displayText(r.text, lang) }),
      el("time", { datetime: r.at, text: formatTime(r.at, s) })]));
  });
};
