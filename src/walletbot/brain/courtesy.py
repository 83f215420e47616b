"""The words around a question that carry no question: greetings before it, thanks and pleas
after it, emoji, marks repeated for emphasis, and spaces typed between each two Chinese characters.

"客服你好，付款的时候让输密码，那6位数我给忘了" asks about a payment password; read whole, its
"你好" made the classifier answer with the greeting. The model reads the question without them,
in training as in serving, as long as something is left: a message that is only a greeting or a
thank-you keeps them, and the greeting entries answer it.

Works on `normalise()`d text (simplified, half-width, case-folded).
"""

from __future__ import annotations

import re

_SEP = r"[\s,.!?~:;。、…]"
# Greetings and openers that end with a mark or a space: "你好，", "hi ", "在吗？", "客服您好，".
_GREETING = (
    r"你好|您好|你们好|大家好|哈喽|哈啰|嗨|在吗|在不在|在么|有人吗|有人在吗|客服(?:你好|您好)?"
    r"|亲|亲亲|早上好|上午好|下午好|晚上好|打扰了|不好意思|好的|好吧|嗯嗯?|ok|okay|alright"
    r"|(?:hi|hello|hey|hiya|yo|dear|good (?:morning|afternoon|evening))"
    r"(?: (?:there|support|team|guys|all|everyone|sir|madam))?"
    r"|excuse me|sorry to bother you|quick question|(?:is )?(?:anyone|anybody) there"
)
# Openers that run into the question without a mark: "请问提现多久到账", "想问一下…".
_OPENER = r"请问一下|请问|我想问一下|想问一下|问一下|打扰一下|麻烦问一下|麻烦问下"
_LEAD = re.compile(rf"^(?:(?:{_GREETING}){_SEP}+|(?:{_OPENER}){_SEP}*)+")
# Thanks and pleas after the question: "，谢谢", "thanks", "pls", "，急".
_THANKS = (
    r"(?:非常|十分|太)?(?:谢谢|感谢)(?:你|您|啦|了|哈)?|多谢|麻烦(?:你|您)?了|辛苦(?:你|您)?了|在线等|急急急"
    r"|拜拜|再见|回头见|thanks?(?: you)?(?: so much| a lot)?|thx|ty(?: so much)?|pls|plz|please"
    r"|please help|asap|cheers|bye|goodbye|bye bye|see you"
)
# The question's own mark stays ("how do i top up? thanks" -> "how do i top up?").
_TRAIL = re.compile(rf"(?:[\s,、]*(?:{_THANKS})|[\s,、]+急)+{_SEP}*$")
# Pictographs, dingbats and their joiners and variation selectors: no words.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]+")
# A mark repeated for emphasis ("多久???", "help!!", "。。。") reads as the mark once.
_MARK_RUN = re.compile(r"([?!.~。,])\1+")
# Chinese spaced out character by character ("提 现 多 久 ， 急"): the characters, and the marks
# among them, read as one run. Spaces between words ("我的 账户 被盗 了") are left: the model reads
# them as it always has, and so is a follow-up after its topic ("怎么转账给朋友 手续费呢").
_SPACED_OUT = re.compile(
    r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?: [\u4e00-\u9fff,.!?;:](?![\u4e00-\u9fff]))+"
)
_CONTENT = re.compile(r"[\u4e00-\u9fffa-z0-9]")


def question_only(text: str) -> str:
    """The question without the courtesies around it; the text itself when little else is left."""
    bare = _without_courtesies(text)
    # Courtesies only ("你好，有人吗", "hey support", "谢谢"): the greeting entries' to answer.
    return bare if _has_content(bare) else text


def courtesies_only(text: str) -> bool:
    """Whether the message is greetings, thanks or goodbyes and nothing else ("anyone there?")."""
    return not _has_content(_without_courtesies(text))


def _without_courtesies(text: str) -> str:
    bare = _MARK_RUN.sub(r"\1", EMOJI.sub(" ", text)).strip()
    bare = _SPACED_OUT.sub(lambda run: run.group().replace(" ", ""), bare)
    # The space after: a greeting that ends the message ends there ("hey support").
    return _TRAIL.sub("", _LEAD.sub("", f"{bare} ")).strip()


def _has_content(bare: str) -> bool:
    # A greeting left after thanks are cut ("你好，有人吗"): still no content.
    return _CONTENT.search(_LEAD.sub("", f"{bare} ")) is not None
