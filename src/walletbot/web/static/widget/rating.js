// The rating asked once per resolution: a labelled 1-5 scale (a radio group: arrow keys move,
// the choice stays visibly selected), optional reason chips and free text, then one send. The
// reasons go into the rating's comment, in the words the user saw.
function RatingCard(view, key, onSubmit) {
  this.view = view;
  this.key = key;
  this.onSubmit = onSubmit; // ({rating, comment}) -> void
  this.rating = 0;
  this.chosen = {};
  this.node = this.build();
}

RatingCard.prototype.build = function () {
  var self = this;
  var id = "wb-rate-" + self.key;
  self.question = el("p", { className: "rate-title", id: id });
  self.scale = el("div", { className: "scale", role: "radiogroup", "aria-labelledby": id });
  self.options = [1, 2, 3, 4, 5].map(function (n) {
    var number = el("span", { className: "n", text: String(n) });
    var word = el("span", { className: "word" });
    var option = el("button", { type: "button", className: "option", role: "radio",
      "aria-checked": "false", tabindex: n === 1 ? "0" : "-1" }, [icon("star"), number, word]);
    option.word = word;
    option.addEventListener("click", function () { self.choose(n, false); });
    option.addEventListener("keydown", function (event) { self.arrows(event, n); });
    self.scale.appendChild(option);
    return option;
  });
  self.reasonsTitle = el("p", { className: "reasons-title", id: id + "-why" });
  self.reasons = el("div", { className: "reasons", role: "group", "aria-labelledby": id + "-why" });
  self.commentLabel = el("label", { for: id + "-comment" });
  self.comment = el("textarea", { id: id + "-comment", rows: "2", maxlength: "500" });
  self.submit = el("button", { type: "button", className: "submit" });
  self.submit.addEventListener("click", function () { self.send(); });
  self.more = el("div", { className: "more" }, [self.reasonsTitle, self.reasons,
    self.commentLabel, self.comment, self.submit]);
  self.more.hidden = true;
  var card = el("div", { className: "rating" }, [self.question, self.scale, self.more]);
  self.view.localised(card, function (s) { self.render(s); });
  return card;
};

RatingCard.prototype.render = function (s) {
  var self = this;
  if (self.done) {
    self.node.firstChild.textContent = s.rated;
    return;
  }
  self.question.textContent = s.rate;
  self.options.forEach(function (option, i) {
    option.word.textContent = s.scale[i + 1];
    option.setAttribute("aria-label", format(s.star, { n: i + 1, label: s.scale[i + 1] }));
  });
  self.reasonsTitle.textContent = s.reasons;
  self.commentLabel.textContent = s.comment;
  self.submit.textContent = s.submitRating;
  self.showReasons(s);
};

// Arrow keys move the choice round the scale, as in any radio group.
RatingCard.prototype.arrows = function (event, n) {
  var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  this.choose(((n - 1 + step + 5) % 5) + 1, true);
};

RatingCard.prototype.choose = function (n, moveFocus) {
  var wasGood = this.rating >= 4;
  this.rating = n;
  this.options.forEach(function (option, i) {
    option.setAttribute("aria-checked", String(i + 1 === n));
    option.setAttribute("tabindex", i + 1 === n ? "0" : "-1");
    option.classList.toggle("is-lit", i < n);
  });
  if (moveFocus) this.options[n - 1].focus();
  if (this.more.hidden || wasGood !== (n >= 4)) this.chosen = {};
  this.more.hidden = false;
  this.showReasons(this.view.strings);
};

// Reasons that fit the score: what went well for 4-5, what went wrong for 1-3.
RatingCard.prototype.showReasons = function (s) {
  var self = this;
  self.reasons.textContent = "";
  if (!self.rating) return;
  var list = self.rating >= 4 ? s.reasonsGood : s.reasonsBad;
  list.forEach(function (text, i) {
    var chip = el("button", { type: "button", className: "chip",
      "aria-pressed": String(!!self.chosen[i]), text: text });
    chip.addEventListener("click", function () {
      self.chosen[i] = !self.chosen[i];
      chip.setAttribute("aria-pressed", String(self.chosen[i]));
    });
    self.reasons.appendChild(chip);
  });
};

RatingCard.prototype.send = function () {
  var self = this;
  if (!self.rating) return;
  var s = self.view.strings;
  var list = self.rating >= 4 ? s.reasonsGood : s.reasonsBad;
  var picked = list.filter(function (_, i) { return self.chosen[i]; });
  var free = self.comment.value.trim();
  var comment = picked.join(s === STRINGS.zh ? "、" : ", ") + (picked.length && free ? " — " : "") + free;
  self.onSubmit({ rating: self.rating, comment: comment || null });
  self.showDone();
  self.view.input.focus(); // the card's controls are gone: back to where the user writes
};

RatingCard.prototype.showDone = function () {
  this.done = true;
  this.node.textContent = "";
  this.node.appendChild(el("p", { className: "rated", text: this.view.strings.rated }));
};
