"""Passwords and PINs: the word after "password is", "密码是", "pin:" up to the next separator,
or a PIN's digits typed apart ("pin is 4 4 2 1").

Whatever its characters: "Müller2641!", "张伟116883", "hunter2". The connector may be several
words away ("the password I use is …", "password for my wallet is …", "密码一直是 …"). Questions
about passwords are left alone: "my password is not working", "密码是6位数字吗", "密码错误5次".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from walletbot.brain.shield.context import NOT_SECRET_LABEL, is_amount, mentions
from walletbot.brain.shield.findings import Finding
from walletbot.brain.shield.reading import HAN_DIGITS

_KEY = (
    r"(?:(?:支付|登录|登錄|登入|交易|提现|提現|钱包|錢包|银行卡|銀行卡|取款|解锁|解鎖|动态|動態|账户|賬戶|帳戶)?"
    # 密玛: the same "ma" typed with the wrong character
    r"(?:密码|密碼|密玛|密瑪|口令|蜜码|秘码)|pin\s*(?:码|碼)|(?<![A-Za-z])mi ?ma(?![A-Za-z])"
    # the answer to a security question opens the account as a password does
    r"|(?P<answer>密保(?:问题|問題)?(?:的)?(?:答案)?|安全(?:问题|問題)(?:的)?答案"
    r"|(?<![A-Za-z])(?:security\s+(?:question\s+)?answer|answer\s+to\s+(?:my|the)\s+security"
    r"\s+question|(?:mother'?s\s+)?maiden\s+name)(?![A-Za-z]))"
    r"|(?<![A-Za-z0-9])(?P<key>password|pass\s+word|passwd|pwd|pass\s?code|pass\s?phrase|pin(?:\s*(?:code|number))?"
    r"|pasword|passwrod|passowrd|pssword"
    r"|pw|pass)(?![A-Za-z]))"
)
_CONNECTOR = (
    r"(?:\s*(?:好像|应该|應該|大概|可能|估计|明明|本来|原来)?(?:是|係|为|為|就是|一直是|都是|改成了?|改为|改為|设为|設為|设成|設成"
    r"|设置[为成]|設置[為成])\s*[:=]?\s*"
    r"|[\"']?\s*[:=]\s*|['’]s\s+"  # "my pin's 7019", {"password": "…"}
    r"|\s+(?:is|was)\s+(?:actually|really|probably|definitely)\s+"  # before "is" alone
    r"|\s+(?:is\s+now|was\s+changed\s+to|is|was|changed\s+to|set\s+to|should\s+be|will\s+be|to\s+be|to)\s+"
    r"|\s+(?:is|was)\s*[:=]\s*)"  # "my password is: hunter22"
)
# Up to three words between the key and the connector: "password for my wallet is",
# "the password I use is", "密码我设的是".
_BETWEEN = (
    r"(?:\s*\([^()\n]{1,40}\))?(?:\s+(?:for|of|on|to|in|that|which|i|we|you)(?:\s+[A-Za-z']+){0,3}?(?=\s+(?:is|was)\s)"
    r"|(?:我们|我們|我|你们|你們|你)[\u4e00-\u9fff]{0,3}?(?=[是为為]))?"
)
# A PIN typed with its digits apart ("pin is 4 4 2 1", "支付密码 44-21-09", "pin: 4, 4, 2, 1"):
# one value, not a single digit followed by others, nor the digits that open a password
# ("3249uXU7eSZDJ"). Commas only between single digits: "1,234" is a number.
_SPACED_DIGITS = r"(?:\d(?:(?:[ \u00a0]{1,3}|[\-.·])?\d){3,11}(?![\dA-Za-z])|\d(?:[,、] ?\d){3,11}(?!\d)(?! ?[,、] ?\d))"
# The value: everything up to the next space or clause punctuation.
_VALUE = r"[\"'“‘「『]?(?P<val>" + _SPACED_DIGITS + r"|[^\s。、,;\"”’」』]+)"
PASSWORD = re.compile(
    _KEY
    + _BETWEEN
    + r"(?:"
    + _CONNECTOR
    + _VALUE
    + r"|\s*(?P<weak>"
    + _SPACED_DIGITS
    + r"|[^\s\u4e00-\u9fff。、,;]+))",
    re.IGNORECASE,
)
# Every way `_KEY` can match contains one of these, under the same case rules: a message without
# them (most) skips PASSWORD's case-insensitive search, the dearest of the shield's.
HINT = re.compile(
    r"密[码碼保玛瑪]|[蜜秘]码|口令|pin|pw|pass|pasw|pssw|mi ?ma|安全[问問]题|security|maiden|log|sign|登[录陆錄]"
    r"|verification question|secret question|locked\s+out"
)
# A security question's answer is often a Chinese word ("王翠花", "红星路小学"), which a password
# rarely is; still not a question about it ("密保答案是什么", "密保问题忘了").
_NOT_AN_ANSWER = re.compile(r"什么|多少|啥|哪|吗|呢|怎么|忘|不|错|对|是")
# "密保问题“我的小学叫什么” 答案：红星路小学": the answer named after its question.
_ANSWER_AFTER_QUESTION = re.compile(
    # "…，答案我填的是“城关镇第三小学”": who filled it in, and quotes, are not the answer
    r"(?:密保|安全)(?:问题|問題)[^\n。!?]{0,40}?(?:答案(?:我?(?:填|写|寫)的)?|填的是|写的是|填了)\s*"
    r"(?:是|为|為|[:：])?\s*[“\"「『]?"
    r"(?P<val>[^\s。、,，;；!?“”\"「」『』]+)"
    r"|(?:security|verification|secret) question[^\n]{0,80}?(?:(?:my |the )?answer"
    # "the answer I set was Mr. Whiskerton": who set it, and a title with its dot, belong to it
    r"(?: i (?:set|gave|chose|picked|used|put))? (?:is|was|:)"
    r"|i (?:answered|put|typed|wrote)|it(?:'s| is| was))"
    r"\s*(?P<val_en>(?:(?:mr|mrs|ms|dr|miss|mx)\.?\s+)?[^\s.,;!?]+)",
    re.IGNORECASE,
)
# Signing in with a password typed as it is: "tried logging in 5 times with Qwerty!234".
_SIGNED_IN_WITH = re.compile(
    r"(?:log(?:ging|ged)?\s?in|sign(?:ing|ed)?\s?in|登[录陆錄])[^.\n。,，]{0,24}?\s(?:with|using|用)\s*"
    r"(?P<val>(?=\S*[A-Za-z])(?=\S*\d)[^\s,，。]{6,})",
    re.IGNORECASE,
)
# A password told after what it is, a few words on in the same sentence: "密码是他名字加出生年
# zhangsan.1966", "wrote the password on a sticky note: Maple!Street42", "changed the password this
# morning to sunflower_1987", "copied straight from my password manager: vN8#qLp2$Rw7". Only a
# value shaped like a password (letters with digits or symbols, 6 or more) after a connector.
_NAMED_THEN_GIVEN = re.compile(
    r"(?:密[码碼玛瑪]|(?<![A-Za-z])(?:password|pass\s+word|passcode|passphrase)(?![A-Za-z]))"
    r"(?P<gap>(?:[^.。!?！？\n]|\.{2,}){0,60}?)(?:[:：=]|(?<![A-Za-z])(?:to|is|was|as|it'?s)(?![A-Za-z])|是|係|为|為"
    # or a verb of giving: "我已经发了 qwe123QWE!@# 给他了", "so i sent him Xy7#…"
    r"|发了|發了|给了|給了|报了|報了|告诉了?他?|(?<![A-Za-z])(?:sent|gave|told)(?: (?:him|her|them))?(?![A-Za-z]))"
    r"[\u4e00-\u9fff\s]{0,14}?(?:(?:actually|really|now|still|probably|maybe|just)\s+)?[\"'“‘「]?"
    r"(?P<val>(?=[^\s]*[A-Za-z])(?=[^\s]*[\d!@#$%^&*_.\-+=?~])[A-Za-z\d!@#$%^&*_.\-+=?~]{6,40}"
    # or a PIN's digits: "支付密码忘了，刚想起来好像是839106", "read him my passcode, it was 550912"
    r"|(?<![\d.,])(?:\d{4,8}|\d(?: \d){3,7})(?![\d.,]?\d)(?! \d)(?!\s?(?:元|块|塊|次|位|天|个|個|号|號|%|年|月|日|点|點)))"
    r"(?![A-Za-z\d!@#$%^&*_\-+=~])",
    re.IGNORECASE,
)
# A password spelt out letter case by letter case, as said over the phone: "密码是大写的L 小写的ove
# 然后八八六六", "my password is capital L, lowercase ove, then 8866". The spelling is the password.
_CASE = (
    r"(?:大写|小写|大寫|小寫|(?<![A-Za-z])(?:capital|upper(?:\s?case)?|lower(?:\s?case)?|small|big)(?![A-Za-z]))"
    r"(?:的|字母|\s+letters?)?\s*"
)
_THEN = r"(?:\s*(?:[,，、]|然后|然後|再|接着|接著|加上?|跟着|跟著|(?<![A-Za-z])(?:then|and|followed by|plus)(?![A-Za-z])))*\s*"
# The letters spelt: a short chunk ("L", "ove"), not a word about the rules ("lowercase only").
_SPELT = r"(?!(?:and|or|the|only|too|all|also|both|mix|with|is|are)(?![A-Za-z]))[A-Za-z]{1,4}(?![A-Za-z])"
# Digits or symbols, not a count of them ("then 4 digits?", "加6位数字").
_SPELT_MORE = (
    r"(?:(?:数字|數字|(?<![A-Za-z])(?:numbers?|digits?)(?![A-Za-z]))?\s*(?:\d[\d!@#$%^&*_.\-+=?~]*"
    rf"|[{HAN_DIGITS}]{{2,}})"
    r"|(?:符号|符號|(?<![A-Za-z])symbols?(?![A-Za-z]))\s*[!@#$%^&*_.\-+=?~]+)"
    r"(?!\s*(?:位|个|個|(?<![A-Za-z])(?:digits?|numbers?|characters?|chars?|letters?)(?![A-Za-z])))"
)
_SPELT_OUT = re.compile(
    r"(?:密[码碼]|(?<![A-Za-z])(?:password|passcode|pin)(?![A-Za-z]))[^.。!?！？\n]{0,12}?"
    r"(?:是|係|为|為|(?<![A-Za-z])is(?![A-Za-z])|[:：])\s*"
    # two parts at least: "lowercase only" is no spelling
    r"(?P<val>"
    + _CASE
    + _SPELT
    + r"(?:"
    + _THEN
    + r"(?:"
    + _CASE
    + _SPELT
    + r"|"
    + _SPELT_MORE
    + r"))+)",
    re.IGNORECASE,
)
# A PIN's digits before what they are: "6个数字 830514 就是我的支付密玛", "830514 is my PIN".
# Opens with a digit, so the search skips to the next one (the digit before is checked apart).
_DIGITS_THEN_KEY = re.compile(
    r"(?P<val>\d{4,8}|\d(?: \d){3,7})(?![\d.,]?\d)\s*[,，]?\s*"
    r"(?:这就是|這就是|就是|即是|是|(?<![A-Za-z])(?:(?:this|that|it)\s+)?(?:is|was)(?![A-Za-z]))\s*(?:my |我的)"
    r"(?:支付|登录|登錄|交易|银行卡|銀行卡|app |card |bank )?"
    r"(?:密[码碼玛瑪]|口令|(?<![A-Za-z])(?:pin|passcode|password)(?![A-Za-z]))",
    re.IGNORECASE,
)
# The bot's security question quoted, and the answer alone on the next line: "> Bot: … answer your
# security question: What was the name of your first pet?\nBiscuit2007".
_ANSWER_ON_NEXT_LINE = re.compile(
    # the question shown after a colon, as the bot asks it ("… question: What was …?", "> 机器人：
    # 请问您…安全问题答案是什么？"), then blank lines; the answer alone on its line, or a word only a
    # password looks like opening it ("banana_milk_0302 啊，我记得…")
    r"^[^\n]*(?:(?:security|verification|secret) question|密保问题|密保問題|安全问题|安全問題)[^\n]{0,120}"
    r"[?？][」』\"”']?[ \t]*\n(?:[ \t]*\n)*[ \t]*(?P<val>[^\s>]{2,40})(?P<rest>[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
# The answer typed to a question the message quotes: 'It asks "What was the name of the street you
# grew up on?" and I'm typing Calle Mirasol del Rey because …', "问“您小学班主任的姓名”，我填的王秀芬，…".
_ANSWER_TO_QUOTED_QUESTION = re.compile(
    r"[\"“「『](?:what|who|where|which|in what|name of|您|你)[^\"”」』\n]{4,100}[\"”」』]\s*[,，]?\s*"
    r"(?:and\s+)?(?:i'?m\s+(?:typing|putting|entering)|i\s+(?:typed|type|put|entered|wrote|answered)"
    r"|i'?ve\s+(?:typed|put|entered|tried|written)"
    r"|我(?:填|输|輸|写|寫)(?:的|了)(?:是)?)\s*[\"“「]?"
    r"(?P<val>[^\s,，。.!?！？\"”」]+(?:\s+(?!(?:because|but|and|so|as|since|which)\b)(?-i:[A-Z])[^\s,，。.!?！？\"”」]*"
    r"|\s+(?:de|del|la|el|van|von|da|di)\b)*)",
    re.IGNORECASE,
)
_WORDS_ONLY = re.compile(r"[A-Za-z'\-]+(?: [A-Za-z'\-]+)*")
# A password wrapped onto the next line, in a message that says so: "密码是 Huang\n1987.tt （中间换行是
# 我手机自动的，其实是连在一起的）", "it wrapped, it's all one word".
_WRAP_TALK = re.compile(
    r"换行|換行|连在一起|連在一起|没有空格|沒有空格|(?<![A-Za-z])(?:wrapped|line break|new line|one word"
    r"|no spaces?|same line)(?![A-Za-z])",
    re.IGNORECASE,
)
_NEXT_LINE = re.compile(r"[ \t]*\n[ \t]*(?P<tail>[^\s（(]{1,40})")
# A password typed with a space between its characters: "the password is R a v e n 7 7 !" (six
# at least, and together shaped like a password).
_SPACED_CHARACTERS = re.compile(
    r"(?:密[码碼玛瑪]|(?<![A-Za-z])(?:password|passcode|pin)(?![A-Za-z]))[^.。!?！？\n]{0,12}?"
    r"(?:是|係|为|為|(?<![A-Za-z])is(?![A-Za-z])|[:：])\s*(?P<val>\S(?: \S){5,39})(?!\S)",
    re.IGNORECASE,
)
# A login pasted as a form, the label on a line of its own and the value on the next:
# "email: …\npass\nPumpkin!!Seed9".
# Also "my login is\nP@55\nw0rd-Kestrel" (wrapped when pasted): both lines, when together they are
# shaped like a password.
_KEY_ON_ITS_LINE = re.compile(
    r"^[ \t]*(?:(?:my |the )?(?:pass(?:word|code)?|passwd|pwd|pw|login|密[码碼]|登录密[码碼]|支付密[码碼])"
    r"(?:[ \t]+(?:is|was))?|(?:我的)?(?:登录|登錄)?密[码碼](?:是|为|為))[ \t]*[:：=]?[ \t]*\n"
    r"[ \t]*(?P<val>\S{2,40}(?:\n\S{2,40}(?=[ \t]*\n))?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# In a message about a password, a word only a password looks like, wherever it stands: "I even
# wrote it on a sticky note … tigerlily_44Rx is what's on the note". Signing in with what one
# types counts: "won't let me log in … what I'm typing is sunflower_Mia88".
_PASSWORD_TALK = re.compile(
    r"密[码碼玛瑪]|mi ?ma|(?<![A-Za-z])(?:password|pass\s+word|passcode|passwd|pwd|credentials|pasword|passwrod|passowrd|pssword"
    # being locked out, or signing in, is about what one types to get in: "locked out of my PayPal
    # … what I was using up to last month is Tr0ub4dor&3-kitten"
    r"|log(?:ged|ging)?\s?in|sign(?:ed|ing)?\s?in|locked\s+out)",
    re.IGNORECASE,
)
# A word only a password looks like: letters and digits with a symbol or with both cases, 8 to 32
# characters; addresses are longer, order numbers one case. Case-sensitive inside any pattern.
# A comma or a quote may stand inside one, not at its ends: "K,9\"qz!Lm#2".
_PASSWORD_ONLY_SHAPE = (
    r"(?-i:(?=\S*[A-Za-z])(?=\S*\d)(?=\S*[!@#$%^&*_+=?~]|\S*[a-z]\S*[A-Z]|\S*[A-Z]\S*[a-z])"
    r"[A-Za-z\d!@#$%^&*_.\-+=?~](?:[A-Za-z\d!@#$%^&*_.\-+=?~,\"']{6,30}[A-Za-z\d!@#$%^&*_\-+=?~]))"
)
_ONLY_A_PASSWORD = re.compile(
    r"(?<![^\s\"'“‘「(（:：,，])" + _PASSWORD_ONLY_SHAPE + r"(?=$|[\s\"'”’」)），,。!?！？])"
)
# The value first, quoted, then what it is: "「Sunflower_77」这个就是我的登录密码", '"Marigold-1987"
# <- that's my password'. Quotes make it a value; "hello is my password?" is a question.
_QUOTED_THEN_KEY = re.compile(
    r"(?:[「『\"“'‘](?P<val>[^\s「」『』\"“”'‘’]{4,40})[」』\"”'’]"
    # or a word only a password looks like, pointed at: "Hh5201314hh  ← 这个就是我的mima"
    r"|(?<![^\s\"'“‘「(（:：,，])(?P<bare>" + _PASSWORD_ONLY_SHAPE + r")(?=\s*(?:<-|←|⬅|👈)))"
    r"\s*(?:<-|←|⬅|👈|—|-|,|，)?\s*"
    r"(?:(?:this|that|it)(?:'s| is)|is|as|这个(?:就)?是|這個(?:就)?是|这就是|就是|是)\s*(?:my |我的)?"
    r"(?:\w+ )?(?:password|passcode|pin|mi ?ma|(?:登录|支付|交易)?密[码碼玛瑪])",
    re.IGNORECASE,
)
# In a message about a PIN or password, 4-8 digits read out one by one or in short groups after
# "it's", "是" or a colon, whatever sentence names it: "reset my app PIN, my kid watched me type
# it. it's four seven seven zero one two", "it's double seven, triple zero, one" (the reading turns
# the words into digits: "4 7 7 0 1 2", "77 000 1").
_PIN_TALK = re.compile(
    r"密[码碼玛瑪]|口令|(?<![A-Za-z])(?:password|passcode|pin)(?![A-Za-z])", re.IGNORECASE
)
_READ_OUT_DIGITS = re.compile(
    r"(?:(?<![A-Za-z])(?:it'?s|is|was)(?![A-Za-z])|是|係|[:：])\s*"
    # or one per line: "the PIN … is\n8\n3\n0\n5"
    r"(?P<val>\d{1,3}(?:(?:, ?| |\n)\d{1,3}){1,7})(?!(?:, ?| |\n)?\d)"
    r"(?!\s?(?:元|块|塊|次|位|天|%|(?:digits?|numbers?|times|days)(?![A-Za-z])))",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")  # "1,234,567": a number, not digits read out
# A payment password is six digits: in a message about one, six digits written, read or said
# anywhere count ("支付密码已锁定…纸条上写着 871016", "支付用的那个六位的我念给你听：三六九二五八",
# "当着她面输的，270913").
_PAYMENT = re.compile(r"支付|交易|付款|(?<![A-Za-z])payment(?![A-Za-z])", re.IGNORECASE)
_SIX_DIGITS_GIVEN = re.compile(
    r"(?:(?:是|係|写着|寫著|写的是?|寫的是?|记着|記著|记的是|記的是|念给你听|念給你聽|[输輸按打填](?:的|了)"
    r"|(?<![A-Za-z])(?:is|was|says|reads)(?![A-Za-z]))\s*[,，]?|[:：])\s*"
    # (a unit after it makes it money or a count: `_another_number` asks `is_amount`)
    r"(?P<val>(?<!\d[.,])(?<!\d)\d{6}(?![\d.,]?\d))",
    re.IGNORECASE,
)
# A password spelt character by character, read off a note: "capital M, lowercase o, o, n, 7, 7,
# exclamation mark". A case word opens it; four items at least, commas between.
_SYMBOL_NAME = (
    r"(?:exclamation(?: mark| point)?|at(?: sign)?|hash(?:tag)?|pound(?: sign)?|dollar(?: sign)?"
    r"|percent(?: sign)?|ampersand|and sign|star|asterisk|underscore|dash|hyphen|dot|period"
    r"|question mark|plus(?: sign)?|感叹号|感嘆號|下划线|下劃線|星号|星號|井号|井號|点|點)"
)
_SPELT_ITEM = r"(?:" + _CASE + r"[A-Za-z]|[A-Za-z0-9](?![A-Za-z0-9])|" + _SYMBOL_NAME + r")"
_SPELT_BY_CHARACTER = re.compile(
    r"(?P<val>" + _CASE + r"[A-Za-z](?:\s*[,，、]\s*" + _SPELT_ITEM + r"){3,40})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# The password quoted after its label, spaces and all: "my password is literally the phrase 'my
# dog barks at 7am'", "密码是「我爱北京 2024」".
_QUOTED_AFTER_KEY = re.compile(
    r"(?:密[码碼]|(?<![A-Za-z])(?:password|passphrase|passcode)(?![A-Za-z]))[^.\n。!?]{0,12}?"
    r"(?:(?<![A-Za-z])(?:is|was)(?![A-Za-z])|是|为|為|[:：])\s*"
    r"(?:(?:literally|just|actually)\s+)?(?:the\s+(?:phrase|sentence|words?)\s+)?"
    r"[\"'“‘「『](?P<val>[^\"'“”‘’「」『』\n]{3,64})[\"'”’」』]",
    re.IGNORECASE,
)
# "I set it as [Maple*Leaf77]": what was set, with no label at all, when only a password looks
# like it, in brackets or quotes or not.
_SET_IT_AS = re.compile(
    r"(?<![A-Za-z])(?:set|changed|reset|made)\s+it\s+(?:as|to)\s*[\[\"'“‘「(]?"
    r"(?P<val>" + _PASSWORD_ONLY_SHAPE + r")(?=$|[\s\]\"'”’」)),.!?])",
    re.IGNORECASE,
)
# Letters with digits or symbols, 6 or more, once the sentence's punctuation is off ("denied." is
# a word).
_PASSWORD_SHAPED = re.compile(r"(?=.*[A-Za-z])(?=.*[\d!@#$%^&*_.\-+=?~]).{6,}$")
# The name of another number between the label and the value.
_OTHER_NUMBER = re.compile(
    r"金额|余额|餘額|订单|訂單|单号|單號|交易号|交易號|流水|手机|手機|电话|電話|卡号|卡號|账号|賬號|帳號|验证码|驗證碼|版本"
    r"|(?<![A-Za-z])(?:amount|balance|order|phone|number|account|card|code|version|ref|id)(?![A-Za-z])",
    re.IGNORECASE,
)
# Not a password: a version, an address on the web, an e-mail address, an error code (upper case
# with "_" or "-", or a few letters and digits: "PIN_LOCKED_3", "E1029"; "MARGARET1947" is one).
_NOT_A_PASSWORD = re.compile(
    r"^v?\d+(?:\.\d+)+$|://|^www\.|\.(?:com|cn|net|org|io|html?)$|@\w+\.\w|^(?=.*[A-Z])(?=.*[_-])[A-Z\d_-]+$|^[A-Z]{1,4}[-_]?\d+$"
)
_LENGTH = re.compile(r"^(?:不是|不)?\d{1,2}位")  # "密码是6位数字吗", "PIN码是不是6位数": its length
# "是不是…", "是不对的": a question or a judgement about it, not a value ("动态口令是不是每30秒变一次？").
_NOT_AFTER_IS = re.compile(r"^不[\u4e00-\u9fff]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that follow "my password is ..." in ordinary questions; never a password value.
STOP = _words(
    """wrong incorrect correct right not invalid expired locked blocked lost forgotten forgot
    too very the a an my your same different working required needed weak strong ok okay fine
    changed reset set still being already case sensitive empty missing rejected accepted fixed
    compromised stolen leaked hacked broken long short new old and or but that this it in on
    for to now just only also always never sent shown saved stored done what how why where
    correctly anymore again valid safe secure uppercase lowercase capital capitals letters numbers
    digits symbols characters"""
)
# A letters-only value followed by another word is prose ("password is not working"), unless
# the next word merely joins clauses.
_JOINERS = _words("and but so or please pls plz thanks thx can could help")
_NEXT_WORD = re.compile(r"[\s,.;:!?]*\s([A-Za-z]+)")
_TRAILING_HAN = re.compile(r"(?<=[^\u4e00-\u9fff])[\u4e00-\u9fff]+$")
_EDGE_PUNCTUATION = ".,!?;:'\"()"


def find_passwords(t: str) -> Iterator[Finding]:
    """Every password found, and where one is wrapped onto the next line in a message that says
    so, the two lines as one."""
    if "\n" not in t:
        return _find_passwords(t)
    return _with_wrapped_tails(t, list(_find_passwords(t)))


def _with_wrapped_tails(t: str, found: list[Finding]) -> Iterator[Finding]:
    yield from found
    if _WRAP_TALK.search(t):
        for f in found:
            wrapped = _NEXT_LINE.match(t, f.end)
            if wrapped is not None:
                yield Finding("password", f.start, wrapped.end("tail"))


def _find_passwords(t: str) -> Iterator[Finding]:
    if " it " in t or " It " in t:  # most messages skip the search for "set it as …"
        for m in _SET_IT_AS.finditer(t):
            yield from _unless_not_a_password(m, "val")
    if '"' in t or "“" in t or "「" in t or "『" in t:  # a question quoted: no label needed
        for m in _ANSWER_TO_QUOTED_QUESTION.finditer(t):
            if m.group("val").lower() not in STOP:
                yield Finding("password", *m.span("val"))
    if not mentions(HINT, t):
        return
    for m in PASSWORD.finditer(t):
        strong = m.group("val") is not None
        group = "val" if strong else "weak"
        start, end = m.span(group)
        value = m.group(group)
        cut = _TRAILING_HAN.search(value)  # "密码是abc123怎么登不上": the Chinese is the question
        if cut:
            end -= len(cut.group())
            value = value[: -len(cut.group())]
        core = value.strip(_EDGE_PUNCTUATION)
        answer = m.group("answer") is not None
        if answer and _all_han(core) and len(core) >= 2 and not _NOT_AN_ANSWER.search(core):
            yield Finding("password", start, end)
            continue
        if len(core) < 4 or core.lower() in STOP or _all_han(core):
            continue
        if _LENGTH.match(core) or _NOT_AFTER_IS.match(core):
            continue
        if not strong and not any(ch.isdigit() for ch in core):
            continue  # no connector ("支付密码 123456"): only a value with a digit
        if not strong and (m.group("key") or "").lower() == "pass":
            continue  # "boarding pass 2023"
        if not strong and m.group("key") and m.end("key") == start and not core.isdigit():
            continue  # "验证码 PW3K8Q2": letters of a code, not a label glued to its value
        if (m.group("key") or "").lower() == "pass" and core.isalpha():
            continue  # "my pass is valid": a bare "pass" needs more than a word
        if answer and core.isalpha() and core[0].isupper() and core[1:].islower():
            # a name: "maiden name is Okonkwo. Now …"
            yield Finding("password", start, start + len(value.rstrip(_EDGE_PUNCTUATION)))
            continue
        if strong and core.isalpha():
            if core.islower() and core.endswith(("ed", "ing")):
                continue  # "my passcode was denied", "pin is blocking"
            nxt = _NEXT_WORD.match(t, end)
            if nxt and nxt.group(1).lower() not in _JOINERS:
                continue  # "my password is not working", "my PIN is unlocked, what do I do?"
        yield Finding("password", start, end)
    for m in _ANSWER_AFTER_QUESTION.finditer(t):
        group = "val" if m.group("val") is not None else "val_en"
        if not _NOT_AN_ANSWER.search(m.group(group)) and m.group(group).lower() not in STOP:
            yield Finding("password", *m.span(group))
    yield from (Finding("password", *m.span("val")) for m in _SIGNED_IN_WITH.finditer(t))
    for m in _NAMED_THEN_GIVEN.finditer(t):
        value = m.group("val").rstrip(_EDGE_PUNCTUATION)
        if _OTHER_NUMBER.search(m.group("gap")):
            continue  # "密码错了，转账金额是5000": the number is another one's
        if _shaped_like_password(value):
            yield Finding("password", m.start("val"), m.start("val") + len(value))
    for m in _QUOTED_THEN_KEY.finditer(t):
        yield Finding("password", *m.span("val" if m.group("val") is not None else "bare"))
    yield from (Finding("password", *m.span("val")) for m in _SPELT_OUT.finditer(t))
    for m in _DIGITS_THEN_KEY.finditer(t):
        if m.start() == 0 or t[m.start() - 1] not in "0123456789.,":
            yield Finding("password", *m.span("val"))
    for m in _ANSWER_ON_NEXT_LINE.finditer(t):
        value, line = m.group("val"), t[m.start() : m.start("val")]
        if ":" not in line and "：" not in line:
            continue  # "the security question is what?": no question shown
        if value.lower() in STOP or _NOT_AN_ANSWER.search(value):
            continue
        rest = m.group("rest").strip()
        if not rest or _shaped_like_password(value):
            yield Finding("password", *m.span("val"))
        elif len(rest.split()) <= 2 and _WORDS_ONLY.fullmatch(rest):
            # a few words alone on their line: "Liu Guilan"
            yield Finding(
                "password",
                m.start("val"),
                m.start("rest") + len(m.group("rest").rstrip()),
            )
    for m in _SPACED_CHARACTERS.finditer(t):
        if _shaped_like_password(m.group("val").replace(" ", "")):
            yield Finding("password", *m.span("val"))
    for m in _KEY_ON_ITS_LINE.finditer(t):
        if _shaped_like_password(m.group("val").replace("\n", "")):
            yield Finding("password", *m.span("val"))
    if _DIGIT.search(t) and _PIN_TALK.search(t):
        for m in _READ_OUT_DIGITS.finditer(t):
            if 4 <= sum(ch.isdigit() for ch in m.group("val")) <= 8 and not _another_number(t, m):
                yield Finding("password", *m.span("val"))
        if _PAYMENT.search(t):
            for m in _SIX_DIGITS_GIVEN.finditer(t):
                if not _another_number(t, m):
                    yield Finding("password", *m.span("val"))
    for m in _QUOTED_AFTER_KEY.finditer(t):
        value = m.group("val").strip()
        if value.lower() not in STOP and not _all_han(value):  # 'password is "wrong"', "是“错误”"
            yield Finding("password", *m.span("val"))
    if _PASSWORD_TALK.search(t):
        yield from (Finding("password", *m.span("val")) for m in _SPELT_BY_CHARACTER.finditer(t))
        for m in _ONLY_A_PASSWORD.finditer(t):
            yield from _unless_not_a_password(m, 0)


def _another_number(t: str, m: re.Match[str]) -> bool:
    """Digits named as another number, or money: "订单号：123456", "余额是 1,234,567"."""
    start, end = m.span("val")
    return bool(
        _THOUSANDS.fullmatch(m.group("val"))
        or NOT_SECRET_LABEL.search(t, max(0, start - 16), start)
        or is_amount(t, start, end, weak_too=False)
    )


def _unless_not_a_password(m: re.Match[str], group: str | int) -> Iterator[Finding]:
    """A word only a password looks like, the sentence's punctuation off, unless it is a version,
    an address or an error code."""
    value = m.group(group).rstrip(_EDGE_PUNCTUATION)
    if not _NOT_A_PASSWORD.search(value):
        yield Finding("password", m.start(group), m.start(group) + len(value))


def _shaped_like_password(value: str) -> bool:
    """A PIN's digits, or letters with digits or symbols, and not a version, address or error code."""
    shaped = value.replace(" ", "").isdigit() or _PASSWORD_SHAPED.match(value) is not None
    return shaped and not _NOT_A_PASSWORD.search(value)


def _all_han(value: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in value)
