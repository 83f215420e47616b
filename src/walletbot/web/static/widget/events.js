// One event of the conversation's log, each applied once (the cursor only moves forward). Notices
// are worded here from the event's fields, in the language shown, not taken from its `text`.
Chat.prototype.handle = function (event) {
  if (event.id <= (this.state.cursor || 0) && this.stream) return;
  this.state.cursor = Math.max(event.id, this.state.cursor || 0);
  if (this.view.isOpen()) this.state.seen = this.state.cursor;
  this.save();
  var data = event.data;
  if (event.type === "message") this.onMessage(event.id, data);
  else if (event.type === "status") this.onStatus(event, data);
  else if (event.type === "queue") this.setHandoff({ status: "queued", position: data.position,
    estimated_wait_seconds: data.estimated_wait_seconds });
  else if (event.type === "ticket") this.onTicket(event, data);
  else if (event.type === "typing" && !this.replaying) this.view.showTyping(data.agent);
};

Chat.prototype.onMessage = function (seq, m) {
  this.transcript.message(m, seq, this.state.done["feedback:" + m.message_id]);
  if (m.role === "user" && m.client_message_id) this.outbox.delivered(m.client_message_id);
  if (m.role === "agent") this.view.showTyping(null);
  if (m.role !== "user" && seq > this.state.seen && !this.view.isOpen()) {
    this.unread = { count: this.unread.count + 1, preview: m.text };
    this.view.showUnread(this.unread.count, m.text);
  }
};

Chat.prototype.onStatus = function (event, data) {
  var before = this.handoff && this.handoff.status;
  var self = this;
  var notice = function (render) { self.transcript.notice(event.id, event.created_at, render); };
  if (data.status === "queued") {
    var minutes = Math.max(1, Math.round((data.estimated_wait_seconds || 60) / 60));
    notice(function (s) {
      var where = data.position === 1 ? format(s.queuedNext, { minutes: minutes })
        : format(s.queued, { ahead: data.position - 1, minutes: minutes });
      return before === "assigned" ? s.requeued + " " + where : where;
    });
  } else if (data.status === "assigned") {
    notice(function (s) { return format(s.assigned, { agent: data.agent }); });
  } else if (data.status === "bot") {
    // The user left the queue ("算了不用了"), or an agent handed the conversation back.
    notice(function (s) { return data.reason === "left_queue" ? s.leftQueue : s.handedBack; });
  } else if (data.status === "resolved") {
    // Resolved by an agent, or the user closed their ticket ("已经解决了").
    notice(function (s) { return data.reason === "closed_ticket" ? s.closedTicket : s.resolved; });
    this.askRating(event.id);
  } else if (data.status === "ticket" && data.ticket) {
    this.showTicket(event.id, data.ticket.number);
  }
  this.setHandoff(data);
};

Chat.prototype.onTicket = function (event, data) {
  this.transcript.notice(event.id, event.created_at, function (s) {
    return format(s.ticketChanged, { number: data.number, status: s.ticketStatus[data.status] });
  });
  this.setHandoff({ status: data.status === "resolved" ? "resolved" : "ticket",
    ticket: { number: data.number, status: data.status } });
};

// The ticket's card, with a follow code asked for once and kept in this browser.
Chat.prototype.showTicket = function (seq, number) {
  var self = this;
  var tickets = self.state.tickets;
  var card = ticketCard(self.view, number, tickets[number] || null, function (n) {
    self.ticketPage.open(n);
  });
  self.transcript.card(card, seq);
  if (tickets[number]) return;
  self.api.followCode(self.state, number).then(function (issued) {
    tickets[number] = issued.code;
    self.save();
    card.setCode(issued.code);
  }).catch(noop);
};

// Once per resolution: the resolved status event is the key, remembered when the rating is sent.
Chat.prototype.askRating = function (key) {
  var self = this;
  if (self.state.done["rating:" + key]) return;
  var card = new RatingCard(self.view, key, function (rating) {
    self.remember("rating:" + key);
    self.api.feedback(self.state, rating).catch(noop);
  });
  self.transcript.card(card.node, key);
};

Chat.prototype.setHandoff = function (state) {
  this.handoff = state;
  this.view.showStatus(state);
};
