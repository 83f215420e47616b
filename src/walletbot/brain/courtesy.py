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
from typing import Literal

_SEP = r"[\s,.!?~:;。、…]"
# Greetings and openers that end with a mark or a space: "你好，", "hi ", "在吗？", "客服您好，".
_GREETING = (
    r"你好|您好|你们好|大家好|哈喽|哈啰|嗨|在吗|在不在|在么|有人吗|有人在吗|客服(?:你好|您好|在吗|在不在|在么)?"
    r"|亲|亲亲|早上好|上午好|下午好|晚上好|打扰了|不好意思|好的|好吧|嗯嗯?|ok|okay|alright"
    r"|谢谢|多谢|谢啦|感谢"  # before a question too: "谢谢，提现多久到账" had been the thanks entry
    r"|(?:hi|hello|hey|hiya|yo|dear|good (?:morning|afternoon|evening))"
    r"(?: (?:there|support|team|guys|all|everyone|sir|madam))?"
    r"|excuse me|sorry to bother you|quick question|(?:is )?(?:anyone|anybody) there"
    # Asking for help before saying with what: "我需要帮助，提现失败了", "i need help with a failed
    # transfer". Alone, they are the greeting entry's to answer ("i need help" had been thanked).
    r"|我需要帮助|需要帮助|帮帮我|请帮帮我|能帮我吗|帮我一下|帮个忙|求助|我有个问题|有个问题想问(?:一下)?"
    r"|想请教一下"
    r"|i need (?:some )?help(?: with)?|(?:can|could) you help me(?: with)?|please help(?: me)?"
    r"|help(?: me)?(?: with)?|i have a question(?: about)?"
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


def greeting_only(text: str) -> bool:
    """Whether the message is greetings or a plea for help and nothing else ("你好，在吗", "i need
    help"): no question, and no thanks or goodbye either."""
    return not _has_content(_bare(text))


def _bare(text: str) -> str:
    """The text without emoji, each run of a repeated mark read once."""
    return _MARK_RUN.sub(r"\1", EMOJI.sub(" ", text)).strip()


def _without_courtesies(text: str) -> str:
    bare = _SPACED_OUT.sub(lambda run: run.group().replace(" ", ""), _bare(text))
    # The space after: a greeting that ends the message ends there ("hey support").
    return _TRAIL.sub("", _LEAD.sub("", f"{bare} ")).strip()


def _has_content(bare: str) -> bool:
    # A greeting left after thanks are cut ("你好，有人吗"): still no content.
    return _CONTENT.search(_LEAD.sub("", f"{bare} ")) is not None


# Acknowledgements, hesitations and "this"/"that" pointing at nothing ("嗯", "好的", "ok", "huh"):
# what the dialogue reads as saying nothing, and what may stand beside thanks or a goodbye.
BACKCHANNEL_WORDS = (
    r"嗯+|恩+|哦+|噢+|喔+|额+|呃+|啊+|哈+|嘿+|好|好的|好吧|好滴|行|行吧|可以|对|对的|是|是的|收到"
    r"|知道了|明白了?|了解了?|懂了|可以了|行了|这个|那个|这|那|这样|然后呢?"
    # going to try what the answer says: "我去试试", "I'll try that"
    r"|我?(?:去|再)?试(?:试|一下|一试)看?|(?:i'?ll|i will|let me|will) (?:try|give it a try)(?: it| that| this)?(?: now)?"
    r"|ok|okay|k+|yes|yeah|yep|yup|no|nope"
    r"|sure|alright|right|hmm+|huh|uh+|um+|oh+|ah+|this|that|this one|that one|what|so|and|then"
)

# Thanks, praise and goodbyes ("谢谢", "明白了，谢谢", "问题解决了", "got it, thanks", "perfect",
# "拜拜", "没别的问题了", "that's all"), alone or among acknowledgements: the bot says "you're
# welcome" or "goodbye". Read as anything else they were follow-ups ("thanks" after withdrawal
# times found how to withdraw, "bye" after most answers some other entry). Marks are spaces here:
# "that's" is "that s".
_THANKS_ZH = (
    r"(?:万分|非常|十分|太|真是)?(?:谢谢|感谢)(?:你|您|你们|啦|了|哈|客服|帮助)*|多谢(?:了|啦)?|谢啦|谢了"
    r"|感激不尽|感恩|(?:已经)?搞定了"
    r"|太感谢了|辛苦(?:你|您)?了|太好了|太棒了|真棒|好棒|(?:问题)?(?:已经)?解决了"
    r"|(?:很|非常|挺)?有(?:用|帮助)|帮大忙了|清楚了|明白|懂"
)
_THANKS_EN = (
    r"thanks?(?: you| u)?(?: (?:so|very) much| a lot| a bunch| again)?(?: for (?:the|your) help)?"
    r"|thank u|thx|thnx|tks|tysm|ty|cheers|many thanks|much appreciated"
    r"|(?:i )?appreciate (?:it|that|the help|your help)|great|perfect|awesome|excellent|cool|nice"
    r"|wonderful|brilliant|good|got it|understood|i see|(?:that )?makes sense|all good"
    r"|that (?:helped|helps|works|worked|fixed it|solved it)|(?:that ?s |that is )?(?:very |super |"
    r"really )?helpful"
)
_GOODBYE_ZH = (
    r"再见|拜拜|拜|回头见|下次见|(?:下次|改天)再聊|回聊|先走了|没有了|没了|没(?:有)?(?:别的|其他|其它)(?:问题|事)?了|没事了|没问题了"
    r"|先这样吧?|就这样吧?|就这些吧?|结束对话|不用了"
)
_GOODBYE_EN = (
    r"bye(?: bye)?|goodbye|good bye|see (?:you|ya)|talk (?:to you )?later|later"
    r"|that ?s (?:all|it)|that is (?:all|it)|nothing else|no (?:more|other|further) questions?"
    r"|i ?m (?:done|good|all set)|all set|done"
)
_COURTESY_WORD = rf"(?:{BACKCHANNEL_WORDS}|{_THANKS_ZH}|{_THANKS_EN}|{_GOODBYE_ZH}|{_GOODBYE_EN})"
NO_WORDS = re.compile(r"[\s\W_]+")  # punctuation, emoji and spaces
_COURTESY = re.compile(rf"^(?:{_COURTESY_WORD}\s*)+$")
# Which kind, in a message already known to be made of these words: Chinese words need no spaces
# around them ("好的没问题了"), English ones whole words ("good" is not in "goodbye").
_GOODBYE_KIND = re.compile(rf"{_GOODBYE_ZH}|\b(?:{_GOODBYE_EN})\b")
_THANKS_KIND = re.compile(rf"{_THANKS_ZH}|\b(?:{_THANKS_EN})\b")


# The 好 of a courtesy ("你好", "早上好", "好的", "好滴", "太好了") greets or assents; the 好 of "不好",
# "好慢", "能修好吗" or "几天能好" does not, though the classifier, which reads Chinese by its
# characters, took those for greetings ("好" is in most of the greeting texts) and they were
# answered "您好！我是钱包智能客服…".
_ANY_COURTESY = re.compile(rf"{_GREETING}|{_COURTESY_WORD}")
_GOOD_PARTICLES = re.compile(r"[啊呀呢吧吗哦嘛哈啦喔噢么嘞咯哟了滴哒]")
_ANY_HAN = re.compile(r"[\u4e00-\u9fff]")


def good_that_greets_nobody(text: str) -> bool:
    """Whether a normalised Chinese message has a 好 outside any courtesy word, with other words
    beside it ("几天能好", "好慢啊"; not "你好呀", "好的", "好了", "好滴收到")."""
    # A bare "好" is an assent among the courtesies: it stays, to be looked at.
    rest = _ANY_COURTESY.sub(lambda word: word[0] if word[0] == "好" else " ", text)
    rest = _GOOD_PARTICLES.sub("", rest)
    return "好" in rest and _ANY_HAN.search(rest.replace("好", "")) is not None


def courtesy_kind(text: str) -> Literal["thanks", "goodbye"] | None:
    """ "goodbye" or "thanks" when the message says that and nothing else but acknowledgements,
    marks and emoji ("好的，再见", "ok thanks 👍"); a goodbye with thanks is a goodbye. Reads
    `normalise()`d text."""
    words = NO_WORDS.sub(" ", EMOJI.sub("", text)).strip()
    if not words or len(words) > 40 or _COURTESY.match(words) is None:
        return None
    if _GOODBYE_KIND.search(words):
        return "goodbye"
    return "thanks" if _THANKS_KIND.search(words) else None
