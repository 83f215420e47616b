"""Triage's rules: what a scam, an account at risk or an angry user is written like.

Each rule is a name, the flags it sets and one or more patterns that must all match the
normalised, masked message (`triage.py` searches them together and decides what they mean: a
hypothetical or a general question silences some). The rules lean towards firing on reports
("someone asked me for my code"), not on how-to questions ("how do I reset my password").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Flag = Literal["scam", "risk", "angry"]


@dataclass(frozen=True)
class Rule:
    name: str
    flags: tuple[Flag, ...]
    patterns: tuple[re.Pattern[str], ...]  # all must match


def _rule(name: str, flags: tuple[Flag, ...], *patterns: str) -> Rule:
    return Rule(name, flags, tuple(re.compile(p) for p in patterns))


# Things nobody but the owner may ever see (the masked forms included).
SECRET = (
    r"(?:验证码|校验码|动态码|短信码|密码|口令|助记词|私钥|密钥"
    r"|(?<![a-z])(?:codes?|otp|2fa|seed(?: ?phrase| words)?|recovery (?:phrase|words)"
    r"|secret (?:phrase|words)|mnemonic|private key|password|passcode|pin|(?:12|24) words)(?![a-z])"
    r"|\[(?:code|password|seed phrase|private key)\])"
)
# Who asks for them: people posing as staff, or anybody else talking to the user.
_ACTOR = (
    r"(?:客服|工作人员|自称|冒充|有人|陌生人|对方|(?<!其)[他她]|骗子"
    r"|(?<![a-z])(?:support|agent|staff|customer service|admin|moderator|someone|somebody"
    r"|a guy|a person|he|she|they|caller|stranger|scammer)(?![a-z]))"
)
_GIVE = (
    r"(?:提供|发送?|给|告诉|输入|说|报|念|截图|填写?|出示"
    r"|send|give|share|tell|read|provide|enter|type|fill(?: in| out)?|submit|paste|upload)"
)
# Asking verbs; "told me to" and "让我" only count with a giving verb ("让我修改密码" is advice).
ASK = (
    r"(?:索要|[问找跟]我要|(?:要|让|叫|需要|要求)我?"
    + _GIVE
    + r"|要(?:我的|你的)?(?="
    + SECRET
    + r")"
    r"|(?<![a-z])(?:ask(?:s|ed|ing)?(?: me)? for|(?:ask(?:s|ed|ing)?(?: me)?|wants me|told me|"
    r"tells me|asking me) to " + _GIVE + r"|wants my|request(?:s|ed|ing)? (?:my|the|your)"
    r"|demand(?:s|ed|ing)?))"
)
_RECIPIENT = r"(?:一个|一位|那个|这个|个|位)?(?:他|她|对方|客服|别人|陌生人|他们|骗子|那个人|人)"
_EN_RECIPIENT = (
    r"(?:him|her|them|someone|somebody"
    r"|the (?:\w+ ){0,2}(?:caller|guy|agent|scammer|person|man|woman|rep|support|staff))"
)

RULES: tuple[Rule, ...] = (
    # --- scams in progress ------------------------------------------------------------------
    # Someone (often "support") asks for a code, password or seed phrase.
    _rule(
        "scam:asks_secret",
        ("scam",),
        _ACTOR
        + r".{0,40}?"
        + ASK
        + r".{0,40}?"
        + SECRET
        # "叫我把验证码发给他", but not "让我把密码改一下"
        + r"|"
        + _ACTOR
        + r".{0,20}?(?:要|让|叫|需要|要求)我[把将].{0,10}?"
        + SECRET
        + r".{0,6}?"
        + _GIVE,
    ),
    # "Move your money to a safe account": the classic impersonation script.
    _rule(
        "scam:safe_account",
        ("scam",),
        r"安全(?:账户|帐户|账号)|(?:safe|secure|safety|protected) (?:account|wallet|address)",
    ),
    # Staff (real or claimed) telling the user to move money: support never does.
    _rule(
        "scam:asks_transfer",
        ("scam",),
        r"(?:客服|工作人员|官方|警察|公安"
        r"|(?<![a-z])(?:support|agent|staff|customer service|police))"
        r".{0,20}?(?:让|叫|要求?|asked|told|wants?)(?:我| me)?.{0,30}?"
        r"(?:转账|转钱|转出|转到|转给|汇款|把钱转|贷款|借贷|网贷"
        r"|transfer|send (?:the )?money|move (?:my )?(?:funds|money)|(?:take out|get) a loan)",
    ),
    # Staff (real or claimed) asking the user to scan a code: support never does.
    _rule(
        "scam:asks_scan",
        ("scam",),
        _ACTOR + r".{0,20}?(?:要|让|叫|需要|要求)我.{0,6}?扫(?:码|一?下?二维码|描二维码)"
        r"|(?:asked|told|wants?|want) me to scan (?:a |the |this |their |his |her )?(?:qr|code)",
    ),
    # Refunds, compensation or withdrawals that first need a code, a deposit or a "fee".
    _rule(
        "scam:refund_lure",
        ("scam",),
        r"(?:退款|退费|理赔|赔偿|返还|解冻).{0,20}(?:验证码|密码|\[code\]|先(?:付|转|交|充)|保证金|共享屏幕)"
        r"|(?:先(?:付|转|交|充)|保证金|解冻费|手续费|税).{0,20}才(?:能|可以)(?:退款|提现|到账|解冻)"
        r"|(?:refund|compensation|reimburse).{0,80}(?:code|otp|password|\[code\]|download (?:an? )?app"
        r"|scan|pay (?:a |the )?"
        r"(?:\w+ )?fee first|pay first|deposit first|share (?:my |your )?screen)"
        r"|(?:pay|deposit).{0,20}(?:fee|tax).{0,20}(?:to|before|in order to) (?:withdraw|unlock)"
        # No wallet charges to unfreeze an account: "让我先交解冻费", "asked me to pay an unfreeze fee".
        r"|解冻费|解冻金|(?:让|叫|要求?)我先?(?:交|付|缴|转)(?:一笔|点|个)?(?:保证金|押金|税费?)"
        r"|(?:unfreez|unlock)\w* (?:fee|deposit|charge)"
        # "提现还要先交20%的税", "withdrawals need a 20% tax paid first", "deposit 500 usdt to unlock"
        r"|(?:提现|出金|解冻|退款|到账|佣金|收益).{0,10}(?:要|需要|得|必须)?先(?:交|付|缴|转|充)"
        r"|(?:withdraw\w*|unlock\w*|commission|profits?|earnings).{0,80}(?:tax|fee|deposit)"
        r".{0,15}(?:first|before)|(?:risk|security|margin|unlock) deposit"
        r"|(?:deposit|recharge|top up|pay)(?![a-z]).{0,40}to (?:unlock|withdraw|release|activate)"
        r"|(?:保证金|security deposit).{0,30}(?:冻结|frozen|freeze)"
        r"|(?:冻结|frozen|freeze).{0,30}(?:保证金|security deposit)",
    ),
    # Prizes, airdrops, giveaways, "double your crypto", paid-task (刷单) and investment lures.
    _rule(
        "scam:prize_airdrop",
        ("scam",),
        r"空投|中奖|领奖|免费领|刷单|做任务.{0,6}(?:佣金|返)|(?:高收益|稳赚|保本).{0,10}投资"
        r"|投资.{0,10}(?:高收益|稳赚|保本)|airdrop|you(?: have|'ve)? won|giveaway"
        r"|free (?:crypto|usdt|btc|eth|tokens?|coins?)|double your"
        r"|guaranteed (?:returns?|profits?)"
        # "老师带我炒币，每周收益30%", "investment mentor ... 30% a week"
        r"|(?:老师|导师|带单).{0,6}(?:带|炒|投资)|(?:每周|每天|每日|每月|周|日)收益.{0,4}\d+%"
        r"|\d+% (?:a|per|every) (?:week|day)|investment (?:mentor|coach|teacher)"
        r"|task group|(?:paid|pay you) to (?:like|follow|rate|review)",
    ),
    # A link plus a lure: claim, sync, unlock, "verify your wallet".
    _rule(
        "scam:link_lure",
        ("scam",),
        r"链接|网址|网站|(?<![a-z])(?:link|url|website)|https?://|www\.|\(dot\)|\.(?:io|com|net|xyz)\b",
        r"领取|解冻|同步|连接钱包|助记词|私钥|中奖|空投|认证|失效|填.{0,6}(?:卡号|验证码)"
        r"|claim|airdrop|sync|seed|recovery phrase|private key|prize"
        r"|connect (?:your |my )?wallet|(?<![a-z])won(?!['a-z])|suspended"
        r"|(?:validate|verify) (?:your |my )?wallet|limited|restricted"
        r"|confirm (?:my |your )?(?:password|identity|details|account)",
    ),
    # Contact from someone posing as support, police or the bank; numbers found on search engines.
    _rule(
        "scam:fake_contact",
        ("scam",),
        r"(?:自称|冒充|假冒|说是|称是|说自己是|说他是|说她是)(?:是)?.{0,6}"
        r"(?:客服|工作人员|官方|警察|公安|银行|交易所|安全中心|币安|支付宝)|假的?客服"
        r"|(?:客服|工作人员).{0,10}(?:打电话给我|来电|打给我|加我|私信我|微信|qq|telegram|电报|whatsapp)"
        # contacted first, then the claim: "有人加我微信说是官方客服"
        r"|(?:打电话|来电|加我|加了我|私信|发短信|联系我).{0,12}(?:说是|自称|称是|说他是|说她是)"
        r"|claim(?:s|ed|ing)? to be|pretend(?:s|ed|ing)? to be|posing as|impersonat"
        # "they said they are from the platform risk team", "says he works in customer service"
        r"|(?:said|says|saying|claim(?:s|ed)?) (?:that )?(?:they|he|she|it)(?:'re|'s| are| is| was"
        r"| were|s)? ?(?:from|with|works? (?:in|for|at)|worked (?:in|for|at)) "
        r"|(?:dm|message|email|e-mail|text|call)s? from .{0,30}(?:support|security|team|admin)"
        r"|(?:support|customer service|agent|admin).{0,20}(?:called me|dm(?:ed|'d)? me|messaged me"
        r"|texted me|contacted me|on (?:telegram|whatsapp|wechat))"
        r"|(?:百度|网上|搜索|搜到|查到).{0,10}客服电话"
        r"|(?:found|googled).{0,30}(?:support|service) number",
    ),
    # Scam scripts told as stories: fake courier compensation, "cancelling a campus loan", task
    # and recharge jobs, romance-investment, recovery services, gift cards, money mules,
    # impersonated relatives or bosses, marketplace "activation", fake insiders.
    _rule(
        "scam:script",
        ("scam",),
        r"理赔中心|(?:快递|包裹).{0,20}理赔.{0,30}(?:备用金|操作|转|验证码|屏幕|下载|扫)|备用金|百万保障"
        r"|关闭.{0,4}(?:保障|会员|扣费服务)|注销.{0,4}(?:校园贷|贷款)|校园贷"
        r"|影响征信|垫付|激活收款|内部员工|网恋|网上认识.{0,20}(?:平台|投资|炒|注册|下载)"
        r"|(?:老师|导师|群).{0,30}(?:入金|原始股|稳赚|收益截图)"
        r"|帮(?:他|她|我)?收.{0,10}(?:货款|钱|款).{0,10}(?:再)?转出|微信是假的|(?:表哥|表姐|领导|老板|朋友|亲戚)"
        r".{0,30}(?:转到别人的|别人的(?:卡|账户)|另一个(?:账户|卡))"
        r"|解冻.{0,10}(?:服务费|收费)|先交.{0,10}(?:税|费).{0,6}才(?:能|可以)(?:领|激活|提)"
        r"|(?<![a-z])(?:combination task|(?:recharge|top up) (?:my )?(?:work|task) account"
        r"|crypto recovery|recovery service|recover (?:my |lost )?funds.{0,40}fee"
        r"|(?:upfront|release|unlock|activation|clearance|redelivery|customs) (?:fee|tax|charge)"
        r"|loan (?:cancellation|forgiveness)|vip signal|(?:investing|investment|trading"
        r"|signal) group.{0,80}deposit|bitcoin (?:at an |from an )?atm"
        r"|(?:buy|send|pay|sent|paid)(?:ing)? (?:\w+ ){0,3}(?:as |in )?gift cards? (?:for|to) "
        r"(?:a |an |the |my )?(?:client|him|her|them|boss|customer|supplier)|on as gift cards?"
        r"|(?:girl|guy|woman|man|boyfriend|girlfriend|someone) (?:i met |i'm talking to )?(?:on|from)"
        r" (?:a |an |the )?(?:\w+ ){0,2}(?:app|tinder|dating|instagram|facebook|whatsapp|telegram)"
        r".{0,100}(?:platform|trading|invest|deposit)"
        r"|(?:never met (?:him|her)).{0,80}(?:platform|invest|deposit|tax)"
        r"|(?:son|daughter|mum|mom|dad|cousin|friend|boss)'?.{0,40}(?:new number|different account"
        r"|not (?:his|hers|theirs))|(?:wasn'?t|was not) (?:him|her)(?![a-z])"
        r"|holding the money until|(?:buyer|seller) .{0,60}(?:shipping fee|scan))(?![a-z])",
    ),
    # Remote access: screen sharing or remote-control apps.
    _rule(
        "scam:remote_access",
        ("scam",),
        r"屏幕共享|共享了?屏幕|远程(?:控制|协助)|anydesk|teamviewer|screen ?shar"
        r"|shar(?:e|ed|ing) (?:my |the |your )?screen"
        r"|remote (?:access|control)",
    ),
    # Police / court impersonation threatening a freeze for "money laundering".
    _rule(
        "scam:authority",
        ("scam",),
        r"洗钱|涉案|(?:公安|警察|检察院|法院).{0,20}(?:冻结|转账|安全账户)|money laundering"
        r"|(?:police|officer|court|tax office|irs|customs|government).{0,80}(?:freeze|arrest|transfer"
        r"|bitcoin|gift card)",
    ),
    # The user says they were scammed or saw phishing.
    _rule(
        "scam:reported",
        ("scam",),
        r"被骗|受骗|上当|诈骗|骗了我|钓鱼(?:网站|链接)|scammed|scammer|phishing|fraudster"
        r"|fake (?:support|customer service|agent|website|site|app|link)"
        # Money already sent to one: "钱转给骗子了", "给骗子打了钱", "paid a fake seller".
        r"|(?:转|付|打|汇)(?:了|过)?(?:钱|款)?给了?(?:一个|那个|个)?(?:骗子|假冒|冒充)"
        r"|给(?:了)?骗子(?:转|付|打|汇)"
        r"|(?:sent|paid|transferred|wired) .{0,30}(?:fake|bogus) (?:seller|buyer|shop|store|merchant"
        r"|account|investment|exchange)",
    ),
    # The secret has already left: both a scam and an account at risk.
    _rule(
        "scam+risk:secret_given",
        ("scam", "risk"),
        r"(?:把|将)?"
        + SECRET
        + r"(?:发|给|告诉|透露|念|报|截图)(?:给)?了?"
        + _RECIPIENT
        + r"|(?:泄露|泄漏)了?"
        + SECRET
        + r"|"
        + SECRET
        + r"(?:泄露|泄漏|被泄露|被[^，。,.!?！？]{0,6}?(?:知道|看到|拿到|偷))"
        + r"|i (?:gave|sent|told|shared|read|leaked) "
        + _EN_RECIPIENT
        + r" (?:(?:my|the|a|our) (?:\w+ )?)?"
        + SECRET
        + r"|i (?:gave|sent|shared|told|read out|leaked) (?:my|the|our) (?:\w+ )?"
        + SECRET
        + r" (?:to|with) "
        + r"|i (?:entered|typed|pasted) my (?:seed|recovery|private key|mnemonic)"
        + r".{0,30}(?:site|link|page)"
        # "someone has my seed phrase now", "my seed phrase leaked", "my password got exposed"
        + r"|(?:someone|somebody|a stranger|they|he|she) (?:now )?(?:has|have|got|knows?) my "
        + r"(?:\w+ )?"
        + SECRET
        + r"|(?:my|our) (?:\w+ )?"
        + SECRET
        + r" (?:was |were |got |has been |have been |is )?(?:leaked|exposed|in a (?:data )?breach)"
        + r"|"
        + SECRET
        + r".{0,3}(?:leaked|exposed|in (?:a|some|the) (?:data )?breach)|泄露名单|泄露的(?:数据|名单)"
        # "my ex knows my password", "前男友知道我的密码"
        + r"|my (?:ex|roommate|flatmate|friend|colleague|coworker|brother|sister|son|daughter"
        + r"|husband|wife|boyfriend|girlfriend|partner)\w* (?:now |still |already )?(?:has|knows?|saw"
        + r"|got) my "
        + r"(?:\w+ )?"
        + SECRET
        + r"|(?:前男友|前女友|前夫|前妻|室友|同事|朋友|家人|别人|有人|他|她)(?:已经|也)?(?:知道|看到|拿到)(?:了)?我的?.{0,4}?"
        + SECRET
        # pasted or posted where others see it: "pasted my seed phrase into a public discord"
        + r"|(?:pasted|posted|shared|sent|uploaded|leaked|pushed|committed) (?:my |the |our )?(?:\w+ )?"
        + SECRET
        + r" (?:into|in|on|to) "
        + r"|把?"
        + SECRET
        + r"[^，。,.!?！？]{0,6}?(?:发到|发在|贴到|贴在|传到|发群|发给了)"
        # seen or photographed: "室友偷拍了我写助记词的那张纸", "took a photo of it"
        + r"|(?:偷拍|拍了|拍到|拍下).{0,10}"
        + SECRET
        + r"|"
        + SECRET
        + r".{0,40}(?:took a (?:photo|picture)|photographed|snapped a)",
    ),
    # A secret named, then "I already gave it to them" in a later clause.
    _rule(
        "scam+risk:secret_given_later",
        ("scam", "risk"),
        SECRET,
        r"我(?:已经|已|都|刚|就|也)?(?:告诉|发给|给|报给|念给|透露给)了?"
        + _RECIPIENT
        + r"|(?<![a-z])i (?:already |just )?(?:gave (?:it|them)|told (?:him|her|them)"
        r"|sent (?:it to )?(?:him|her|them)|shared it|read (?:it|them) (?:out )?to)(?![a-z])",
    ),
    # --- account at risk ---------------------------------------------------------------------
    # Takeover: strangers logging in, credentials changed by someone else.
    _rule(
        "risk:takeover",
        ("risk",),
        r"被盗|被黑|盗号|盗了我的?|(?:有人|别人|骗子).{0,12}(?:转走|盗走|偷走|盗了|偷了)|被人(?:登录|登陆|登入|盗|冒用)|(?:有人|别人|陌生人)(?:在)?(?:[^，。,.!?！？]{0,10}上)?(?:登录|登陆|登入)|账[号户]被(?:登录|登陆|冒用)|异地登[录陆]"
        r"|(?:陌生|不明|未知|不认识的)设备|别人(?:登录|登陆|在用)"
        r"|(?:密码|手机号|邮箱|绑定手机).{0,4}被(?:人|别人|他人|陌生人)?(?:改|修改|换|更改|重置)"
        r"|hacked|hijacked|compromised|taken over|took over|takeover"
        r"|(?:account|wallet|login|credentials|identity) (?:was |got |has been |is |were )?stolen"
        r"|(?:stole|steal|stealing) my (?:account|wallet|login|credentials|identity)"
        r"|(?:someone|somebody|a stranger)(?: else)? (?:has |is |had )?"
        r"(?:just |already |recently |somehow |apparently |also )?(?:logged|log|logging|signed"
        r"|accessed|got into|gets into|has access)"
        r"|(?:unknown|unrecogni[sz]ed|strange) (?:device|login|sign-in)"
        r"|(?:password|email|phone(?: number)?) (?:was|has been|got) changed"
        r".{0,20}(?:not me|wasn't me|without|didn't|did not|by someone)"
        # signs of someone else in the account
        r"|不是我(?:本人)?(?:改|修改|换|绑定|登录|登陆|登)的?|在登(?:录)?我的(?:号|账号|账户)"
        r"|登录设备(?:里|中)?多了|没(?:有)?(?:建|创建|申请)过的?api|剪贴板木马"
        r"|(?:logged-in|login|signed-in) devices|api key i (?:never|didn'?t) (?:create|make|add)"
        r"|clipboard (?:trojan|malware|hijack\w*)|unlimited approval"
        r"|recovery (?:email|e-mail|code|sms) i (?:never|didn'?t) (?:ask|request)"
        r"|(?:phone number|email|number) (?:is|was) (?:different|changed)"
        r"|用我的(?:号|账号|账户|微信)(?:给|向).{0,10}(?:发|借)|冒充我"
        r"|(?:收到|一直收到|接到).{0,12}(?:新设备登录|登录提醒|异常登录)"
        r"|(?:验证码).{0,30}(?:我(?:并)?没(?:有)?(?:在)?(?:登录|登陆|操作|申请))"
        r"|(?:someone|somebody) (?:changed|reset|removed|added) (?:the |my )?(?:email|phone|password"
        r"|number|2fa|device)"
        r"|(?:messag|text)\w* (?:my |them|people)?(?:friends|contacts|family)? ?from my account"
        r"|(?:got|getting|received|receiving|get) (?:a |an )?.{0,6}(?:new[- ]device login|login "
        r"(?:alert|notification)s?)"
        r"|codes? (?:keep|keeps|kept) (?:arriving|coming)|not trying to log ?in"
        r"|(?:login|log-in|sign-?in) from (?:russia|china|nigeria|another country|a country)",
    ),
    # Payments the owner did not make.
    _rule(
        "risk:unauthorised",
        ("risk",),
        r"不是我(?:本人)?(?:操作|转|付|买|支付|消费|提现|充值|授权|做)"
        r"|我(?:并)?(?:没|没有|从来没|从没)有?(?:转账|付款|支付|消费|操作|授权|提现|购买|转过|付过|转出)"
        # ... but a strange transfer the user received is money in, not an account at risk.
        r"|未经(?:我的?)?(?:授权|允许|同意)|非本人"
        r"|(?<!收到)(?<!收到一笔)(?<!收到了一笔)(?<!收到笔)陌生(?:交易|转账|扣款|支付|消费|订单)"
        r"|莫名(?:其妙)?的?被?(?:扣|少|转|消费|支付|多了一笔)|盗刷|不明(?:扣款|交易|转账|支出)"
        r"|被(?:人|别人|他人|陌生人)?(?:偷偷|悄悄|莫名)?地?(?:转走|提走|转出|盗刷|偷走|拿走|划走)"
        r"|(?:有人|别人|他人|陌生人|骗子|不认识的人)(?:在)?(?:用|拿|使用|盗用|冒用)了?我的?"
        r"(?:银行卡|信用卡|卡|账户|账号|钱包)"
        r"|(?:someone|somebody|a stranger|they)(?: else)? (?:is |has been |was |have been |had )?"
        r"(?:using|used|uses) (?:my|the) (?:\w+ )?(?:card|account|wallet|credit card|debit card)"
        r"|i (?:did not|didn't|never) (?:make|made|authori[sz]ed?|sen[dt]|do|did|approved?"
        r"|requested?|initiated?)"
        r"(?: (?:this|that|these|the|a|any|those))? (?:\w+ )?(?:payment|transaction|transfer"
        r"|withdrawal|purchase|charge|order)s?"
        r"|(?:payment|transaction|transfer|withdrawal|purchase|charge|order)s? (?:that |which )?i "
        r"(?:did not|didn't|never) (?:make|made|authori[sz]e|approve|request|do)"
        r"|unauthori[sz]ed|(?:don'?t|do not|didn'?t|did not) recogni[sz]e|wasn'?t me|not made by me"
        r"|without (?:my |any )?(?:permission|consent|knowledge|authori[sz]ation)"
        r"|(?:that|which) i (?:never|didn'?t|did not) (?:make|made|do|did|authori[sz]e|approve"
        r"|sign|signed|request)"
        r"|i (?:didn'?t|did not|never) sign|i never (?:set (?:it|this|that|them) up|set up|agreed"
        r"|signed up|subscribed)|i (?:don'?t|do not) know (?:this|that|the) (?:person|guy|account|merchant)"
        r"|(?:我)?不认识的(?:消费|交易|转账|扣款|支付|订单|收款人)|没签(?:过|名)?的?(?:授权|交易)|没有?签过"
        r"|我(?:并)?(?:没|没有|从来没|从没)有?做过的?(?:交易|转账|消费|支付)"
        r"|(?:钱包|余额|账户|卡)里?(?:突然|莫名)?少了|卡(?:一直|还)在我(?:身上|手上|手里)|被取了"
        r"|(?<![a-z])i (?:never|didn'?t|did not) (?:make|made|authori[sz]e|authori[sz]ed|approve"
        r"|approved|do|did)(?: (?:it|them|this|that|these|those|any of (?:it|them)))?\s*(?:[!.?,;]|$)"
        r"|card is still (?:in my (?:hand|wallet|pocket)|with me)"
        r"|我(?:从来)?(?:没|没有|从没)(?:开通|设置|签约|同意|订阅)过?"
        # a stolen card used through the wallet: "银行卡被偷了，刚刚被刷了3000", "spent $800"
        r"|被(?:人)?刷了|已经被花了|被人花了"
        r"|(?:someone|somebody|a stranger|they|thieves?|the thief)(?: have| has|'ve|ve)? (?:already )?"
        r"(?:used it|spent|bought|made (?:\w+ )?purchases)"
        r"|(?:card|卡).{0,20}(?:stolen|被偷|被盗|被抢).{0,40}(?:used|spent|bought|刷|花|消费|买)"
        # charges that keep coming: "每隔几分钟一笔", "every few minutes"
        r"|每隔几分钟|每几分钟|(?:payments?|charges?|debits?).{0,40}every (?:few|couple of) minutes"
        r"|(?:strange|suspicious|weird|unknown|odd|unfamiliar) (?:transactions?|charges?|payments?"
        r"|withdrawals?|transfers?)",
    ),
    # Money gone from the balance.
    _rule(
        "risk:funds_missing",
        ("risk",),
        r"(?:钱|资金|余额|币|usdt|资产).{0,6}(?:不见了|没了|消失|被转走|被盗|清零|清空|变成0|归零|全没)"
        r"|(?:money|funds|balance|crypto|coins|usdt|usdc|btc|eth|assets|savings|tokens|nfts?)"
        r".{0,25}(?:disappeared|vanished|gone|missing|stolen|drained|emptied)"
        r"|(?:wallet|account) (?:was |got |has been |is )?(?:drained|emptied)"
        r"|(?:balance|余额).{0,20}(?:went|gone|dropped|to) (?:from \S+ )?(?:to )?(?:0|zero)(?![\d.])"
        r"|(?:币|资产|钱).{0,4}少了一半"
        r"|(?:someone|somebody|they) (?:stole|drained|emptied)"
        r"|(?:someone|somebody|they) (?:took|transferred|withdrew|moved) (?:all )?(?:of )?"
        r"(?:my |the )?(?:money|funds|crypto|coins|usdt|btc|eth|balance|savings)"
        # "my money was taken from my account": taken, not spent
        r"|my (?:money|funds|crypto|coins|usdt|btc|eth|savings) (?:was |were |got |has been "
        r"|have been )(?:taken|stolen|drained)",
    ),
    # Money taken: a verb of taking, the user's money or an amount, and somebody else doing it
    # (or "it wasn't me", or money that "was taken"). "I transferred 500 to my friend" names no
    # one else; "the fee was taken from my balance" has no money taken.
    _rule(
        "risk:money_taken",
        ("risk",),
        r"(?<![a-z])(?:took|taken|stole|stolen|transferred|withdrew|withdrawn|moved|drained"
        r"|sent out|cashed out|emptied)(?![a-z])",
        r"(?:from|out of) (?:my|our) (?:account|wallet|balance|card|bank|savings)"
        r"|(?<![a-z])(?:my|all my|all of my) (?:money|funds|savings|usdt|btc|eth|crypto|coins"
        r"|balance|cash)(?![a-z])"
        r"|(?:[$€£¥] ?\d|(?<![\w.])\d[\d,.]* ?(?:usdt|usd|dollars?|eur|euros?|btc|eth|bucks)(?![a-z]))",
        r"(?<![a-z])(?:someone|somebody|a stranger|strangers|scammers?|hackers?|a thief|thieves"
        r"|they|he|she)(?![a-z])"
        r"|without (?:my |any )?(?:permission|consent|knowledge|authori[sz]ation)"
        r"|wasn'?t me|not me|(?:didn'?t|did not|never) (?:do|authori[sz]e|approve|make|sign)"
        # "taken from my account" alone may be a payment the user made ("money got taken from my
        # account but my friend says nothing arrived"); stolen or drained is never that.
        r"|(?:was|were|got|has been|have been) (?:stolen|drained)",
    ),
    _rule(
        "risk:money_taken_zh",
        ("risk",),
        r"转走|偷走|盗走|划走|提走|拿走|卷走|转出去|盗刷|(?:偷偷|悄悄)地?(?:转|提|划|拿|取|充)"
        r"|趁我(?:睡觉|睡着|不注意|不在)",
        r"有人|别人|他人|陌生人|骗子|黑客|不知道(?:是)?谁|被|不是我|没有?授权|未经|趁我"
        r"|我(?:完全|根本|都)?不知(?:道|情)(?!怎么|如何|为什么|为啥)",
    ),
    # A lost or stolen phone that holds the wallet, or a SIM swap.
    _rule(
        "risk:lost_device",
        ("risk",),
        r"手机掉了|手机[^，。,.!?！？号卡]{0,8}?(?:丢了|丢失|被偷|被盗|不见了|被抢)|丢了手机|(?:sim卡|电话卡).{0,4}(?:被|丢)"
        r"|(?:lost|lose|stolen) (?:my )?(?:phone|mobile|device|cellphone|iphone|android)"
        r"|(?:phone|mobile|device|iphone) (?:was|got|has been|is) (?:stolen|lost|taken)"
        r"|stole my (?:phone|mobile|device)|sim (?:swap|card (?:was )?stolen)"
        r"|(?:phone|mobile|bag).{0,10}(?:snatched|grabbed|robbed)|(?:snatched|grabbed|robbed).{0,20}"
        r"(?:phone|mobile)|(?:包|手机)被抢"
        r"|sim (?:was |got )?(?:moved|swapped|ported|transferred)|(?:手机卡|电话卡|号码|卡)被人?补办",
    ),
    # --- anger ---------------------------------------------------------------------------------
    _rule(
        "angry:lexicon",
        ("angry",),
        r"垃圾(?!短信|邮件|信息)|骗子(?:平台|公司|app)|黑平台|气死|投诉你们|什么破|破(?:app|软件|平台|玩意|东西)"
        r"|坑人|坑爹|太烂|烂透|恶心|滚(?:蛋|吧|开)|给我滚|妈的|tmd|他妈|卧槽|我靠|无语|还我钱"
        r"|黑心|狗屎|傻逼|(?<![a-z])sb(?![a-z])|离谱|差评|曝光|起诉|受够|忍无可忍|太过分|什么玩意|废物"
        r"|(?<![a-z])(?:ridiculous|worst|scam app|useless|terrible|horrible|awful|pathetic|a joke"
        r"|fuck\w*|shit\w*|damn|wtf|unacceptable|fed up|sick of|furious|angry|outraged|disgusting"
        r"|disgraceful|incompetent|waste of (?:my )?time|rip-?off|sue you|lawyer|report you"
        r"|garbage|trash|crap|stupid|idiots?|hate (?:this|you)|(?:nobody|no one) (?:helps|answers"
        r"|replies|cares))(?![a-z])",
    ),
    _rule("angry:exclamation", ("angry",), r"!{3,}|[!?]{4,}"),
)
