"""Identity document numbers besides the mainland resident ID (numbers.py checks that one by its
check character): passports, Hong Kong, Macau and Taiwan ID cards, travel permits (港澳通行证,
台胞证, 回乡证), residence permits, driving licences, US Social Security numbers and the like.

Most of them have no check digit a library validates (python-stdnum knows the US SSN, not the
Hong Kong or Taiwan ID), and their shapes ("E12345678", "A123456789") are those of order numbers.
So a value counts only right after its label ("护照号 E12345678", "my passport number is
123456789", "SSN: 123 45 6789"). Two shapes stand alone: a US SSN written 3-2-4 with dashes that
stdnum accepts ("123-45-6789"), and a Hong Kong ID with its check character in brackets
("A123456(3)"), which nothing else is written like.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.ca import sin
from stdnum.us import ssn

from walletbot.brain.shield.context import ORDER_LABEL, L, R, mentions
from walletbot.brain.shield.findings import Finding
from walletbot.brain.shield.national_numbers import find_national_numbers

# "licence", "license", and as typed: "lisence", "liscense".
_LICENCE = r"li(?:c|s|sc)en[cs]e"
_LABEL = (
    r"(?P<label>护照|護照|通行证|通行證|台胞证|台胞證|回乡证|回鄉證|居留证|居留證|居留许可|居留許可"
    r"|身份证|身份證|身分證|证件|證件|驾驶证|駕駛證|驾照|駕照|社保号|社會安全號碼|社会安全号码"
    r"|(?<![A-Za-z])(?:passport|ssn|social\s+security|social\s+insurance|national\s+insurance"
    r"|nric|hkid|id\s+card|identity\s+card|national\s+id|id|itin|tax\s+id|ni\s+number|nino|aadhaa?r"
    r"|(?:driver(?:'?s)?|driving)\s+"
    + _LICENCE
    + r"|residence\s+permit|travel\s+permit|"
    + _LICENCE
    + r"(?=\s*(?:numbers?|no\.?|#|:)|[^\d\n.!?]{1,30}?(?:here'?s (?:the|my)|the|its) (?:number|no))|social(?=\s*(?:is|was|numbers?|no\.?|#|:))"
    r"|dl(?=\s*#?\s*[a-z]?\d)|sin(?=\s*\d)|doc_no|document\s+(?:number|no)"
    # Malaysia's and Singapore's IC: "IC号码是 880614-14-5523", "my IC S8734512B"
    r"|ic(?=\s*(?:numbers?|no\.?|#|:|号码|號碼|[STFGM]\d{7}[A-Z]))|mykad"
    # the Philippines' national ID card number, Nigeria's National Identification Number
    r"|pcn|phil\s?sys|phil\s?id|nin(?=\s*(?:numbers?|no\.?|#|:|is|was|\d))"
    # the national numbers of Spain, Latin America, Europe, Turkey, Indonesia, Korea (under their
    # own names; Polish "nie" means "no", so NIE only before its number)
    r"|dni|nif|nie(?=\s*[:#]?\s*[XYZ]?[- ]?\d)|cpf|curp|rfc|rut|cuil|cuit|c[ée]dula|pesel|bsn"
    r"|tckn|(?:t\.?c\.?\s+)?kimlik(?:\s+no)?|nik|ktp|personnummer|codice\s+fiscale"
    r"|resident\s+registration)"
    r"(?![A-Za-z])"
    # Korea's resident registration number in Chinese and Japanese: "住民登录番号", "주민등록번호"
    r"|주민(?:등록)?번호|외국인등록번호|[住主居]民登[录錄録](?:番?号|番?號|번호)?|外[国國]人登[录錄録](?:番?号|番?號|证|證)?"
    r"|マイナンバー|個人番号|在留カード)"
)
# "number", "no.", "号码" after the label, then "is", ":", "是" (or nothing after Chinese:
# "港澳通行证C12345678"); nothing else between label and value, so "护照过期了，订单号 12345678"
# names no passport number.
_CONNECTOR = (
    r"(?:\s*(?:numbers?|nos?\.?|num|#|档案编号|檔案編號|编号|編號|字号|字號|号码|號碼|号|號|码|碼))?"
    r"[\"']?"
    # a few words, then a colon: "license number for the KYC step: 828 096 166"
    r"(?:,?\s*[^\d\n:：。.!?,，;；]{1,24}[:：]\s*"
    # a few words, then a verb of giving: "needed to send my aadhaar so i gave 4829 1736 5028"
    r"|[^\d\n:：。.!?;；]{1,30}?(?<![A-Za-z])(?:gave|sent|typed|read|told|entered)(?![A-Za-z])"
    r"(?:\s+(?:him|her|them|it|out))?\s*"
    # after a question or a remark, "mine is": "要填身分證字號嗎？我的是 F289692560"
    r"|[^\d\n]{0,12}?[?？,，]\s*(?:我的是|我的就是|mine is|mine's|my one is)\s*"
    # or typed into a form: "要填IC号码，我填了 900512-14-7239", "身分證字號，我填 F275736317"
    r"|[^\d\n:：。.!?;；]{0,16}?(?:给了?|发了?|报了?|告诉了?|填了?|填的是?|输了?|輸了?|写了?|寫了?)(?:他|她|对方)?\s*"
    r"|\s*\(\s*(?:[A-Z]{2}\s)?"  # "driver's license (CA D4829173)": a state before the number
    # a remark in brackets, then "is": "passport (US, the 9 digit one top right) is 567203918"
    r"|\s*\([^()\n]{1,40}\)\s*(?:is|was|:|是)\s*"
    # "licence keeps failing so here's the number …"
    # "… the number on it is …"
    # "… the new one has a different number, which is 534710982"
    r"|[^\d\n:：。.!?;；]{1,80}?(?<![A-Za-z])(?:here'?s (?:the|my)|the|its|(?:a|the) (?:new|different)) (?:number|no\.?)"
    r"(?:\s+on\s+it)?(?:,?\s+which)?(?:\s+(?:is|was))?\s*[:：]?\s*"
    # "meu CPF é …", "mi DNI es …", "mon NIR est …", "meine Steuer-ID ist …"
    r"|\s*(?:is|was|:|=|是|为|為|(?<![A-Za-z])(?:é|es|est|ist)(?![A-Za-z]))\s*|\s+"
    r"|(?<=[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af])(?=[A-Za-z\d])"
    # the label again in a second language after a slash: "Passport No./N° de passeport GK392057"
    r"|\s*/[^\d\n/:：]{1,24}?\s"
    # where on it, then its number: "居留證上面的號碼是…", "护照上的号码："
    r"|[上里裡面的]{1,4}(?:号码|號碼|编号|編號|号|號)\s*(?:是|为|為|[:：])?\s*"
    # its last digits: "身份证后六位是 30559X" (six or eight: four are too few to count)
    r"|(?:号码?|號碼?)?的?[后後末](?:六|八|6|8)位\s*(?:是|为|為|[:：])?\s*"
    # a remark, then its number: "护照是日本的，号码 TR4718265"
    r"|[^\d\n。.!?;；]{1,12}?[,，]\s*(?:号码|號碼|编号|編號)\s*(?:是|为|為|[:：])?\s*)"
)
# Letters then digits, in groups set apart by a space or dash ("078-05-1120", "AB 12 34 56 C"),
# then a check character in brackets ("A123456(3)").
_VALUE = (
    r"[\"']?(?P<value>[A-Za-z]{0,6} ?\d[\dA-Za-z]*(?:(?:[ \-/.]|, )\d[\dA-Za-z]*)*(?:[ \-][A-Za-z](?![A-Za-z]))?"
    r"(?: ?\([\dA-Za-z]\))?)" + R
)
_LABELLED = re.compile(_LABEL + _CONNECTOR + _VALUE, re.IGNORECASE)
# The value first, then what it is: "S4297693H is my NRIC", "E12345678 是我的护照号".
_VALUE_THEN_LABEL = re.compile(
    L + r"(?P<value>[A-Za-z]{0,2}\d[\dA-Za-z]{4,18})\s*[,，]?\s*"
    r"(?:is|was|=|就是|是)\s*(?:my|our|我的)\s*(?:[A-Za-z]+\s+)?" + _LABEL,
    re.IGNORECASE,
)
# "ID" alone names many other numbers ("transaction ID", "user id", "订单ID"): an identity
# document only as "my ID", "我的ID", or "ID number", "ID no.".
_MY = re.compile(r"(?:(?<![A-Za-z])my|我的)\s*$", re.IGNORECASE)
_NUMBER_WORD = re.compile(r"\s*(?:numbers?|nos?\.?|num|#|号码|號碼|号|號)", re.IGNORECASE)
# Between label and value, the name of another number: "my passport expired order: 12345678".
_OTHER_NUMBER = re.compile(
    r"order|ref|transaction|txn|invoice|ticket|case|tracking|订单|單|单号|交易|流水|工单",
    re.IGNORECASE,
)
_SSN_DASHED = re.compile(L + r"\d{3}-\d{2}-\d{4}" + R)
# A message that names a US Social Security or Canadian Social Insurance number: any nine digits
# python-stdnum takes for one, wherever they stand ("You asked for my SSN to verify the account,
# it's 146759628", "do you need my SIN for the tax report? 548 932 920").
# The US tax forms that ask for a Social Security number name one too: "For the 1099 thing … it
# wants the whole number, so 702 78 1642", "W-9 needs my 123 45 6789".
_NATIONAL_NUMBER_NAMED = re.compile(
    # "my SIN (NAS in french) — it is …": Canada's number in French, numéro d'assurance sociale
    r"(?<![A-Za-z])(?:ssn|social security|sin(?=\s+(?:for|number|is|no)\b|\s*[:#?(.])|(?-i:NAS)"
    r"|(?<!\d)1099(?!\d)|w-?[29](?![A-Za-z\d])"
    # "asked for my social and I said …": the American short name
    r"|my\s+social(?!\s+(?:media|accounts?|networks?|life|worker|credit|apps?|feeds?|posts?)))"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_ONE_DIGIT = re.compile(r"\d")
_ANY_NINE_DIGITS = re.compile(r"\d(?:[ -]?\d){8}")  # a cheap gate: most messages hold none
_NINE_DIGITS = re.compile(L + r"(?:\d{3}[ -]?\d{2}[ -]?\d{4}|\d{3}[ -]\d{3}[ -]\d{3})" + R)
# The second line of a passport's machine-readable zone, read off a photo: number, check digit,
# nationality, birth date, sex, expiry ("E829137460CHN9003129F3007147…"). Nothing else has this
# shape.
_PASSPORT_MRZ = re.compile(L + r"[A-Z0-9<]{9}\d[A-Z<]{3}\d{7}[MFX<]\d{7}[A-Z0-9<]{0,16}" + R)
# India's PAN: five letters, four digits, a letter ("PAN card number BKRPS4827L"); too few digits
# for the label rule above.
_PAN = re.compile(
    r"(?<![A-Za-z])PAN(?:\s+card)?(?:\s+(?:number|no\.?|#))?\s*(?:is|:)?\s*(?P<value>[A-Z]{5}\d{4}[A-Z])"
    + R
)
# A PAN's shape anywhere in a message that names one, before its name or typed off the card:
# "ABKPM1451X is my PAN", "Permanent Account Numbr Card\nBNZPM6019F".
_PAN_NAMED = re.compile(r"(?<![A-Za-z])pan(?![A-Za-z])|permanent account", re.IGNORECASE)
_PAN_ANYWHERE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{5}\d{4}[A-Z](?![A-Za-z0-9])")
# Singapore's NRIC or FIN (a letter, seven digits, a letter) where one is named: "my NRIC wrong leh,
# I key in S8097471Z".
_NRIC_NAMED = re.compile(r"nric|(?<![A-Za-z])(?:ic|fin)(?![A-Za-z])|singpass", re.IGNORECASE)
_NRIC = re.compile(r"(?<![A-Za-z0-9])[STFGM]\d{7}[A-Z](?![A-Za-z0-9])")
# The Philippines' SSS and UMID numbers (##-#######-#), anywhere in a message that names them.
_SSS_NAMED = re.compile(r"(?<![A-Za-z])(?:sss|umid)(?![A-Za-z])", re.IGNORECASE)
_SSS = re.compile(L + r"\d{2}-?\d{7}-?\d" + R)
# A UK National Insurance number after its name, its pairs wrapped over lines when pasted from a
# phone ("National Insurance number is JT 48 29\n17 C"): the label rule reads one line only.
# Its shape is its own (two letters, three pairs of digits, A–D): anywhere in a message that names
# one ("It says my National Insurance number doesn't match … off my payslip: JG 10 37 52 C").
_NINO_NAMED = re.compile(
    r"national\s+insurance|(?<![A-Za-z])(?:ni|nino)(?![A-Za-z])", re.IGNORECASE
)
_NINO = re.compile(
    r"(?<![A-Za-z\d])(?P<value>[A-Z]{2}(?:\s*\d{2}){3}\s*[A-D])(?![A-Za-z\d])",
    re.IGNORECASE,
)
_HKID = re.compile(L + r"[A-Z]{1,2}\d{6} ?\([\dA]\)" + R)
# Every way `_LABELLED` and national_numbers' names can match contains one of these: most
# messages skip their searches.
HINT = re.compile(
    r"[护護]照|通行[证證]|台胞|回[乡鄉]|居留|身[份分][证證]|[证證]件|[驾駕]|社保|社[会會]安全"
    r"|passport|ssn|social|insurance|nric|hkid|itin|(?<![a-z])id(?![a-z])|identity|li(?:c|s|sc)en|permit"
    r"|(?<![a-z])ni(?![a-z])|nino|aadhaa?r"
    r"|(?<![a-z])(?:dl|sin|ic|pcn|nin|dni|nif|nie|cpf|curp|rfc|rut|run|cuil|cuit|bsn|tckn|nik|ktp|nir)(?![a-z])"
    r"|mykad|phil|doc_no|document|[档檔]案|[编編][号號]|dula|pesel|kimlik|personnummer|fiscale"
    r"|registration|burgerservicenummer|my number|sociale|steuer|idnr|주민|등록|民登|人登|マイナンバー|個人番号|在留"
)


def find_documents(t: str) -> Iterator[Finding]:
    for m in _SSN_DASHED.finditer(t):
        if ssn.is_valid(m.group()):
            yield Finding("id_number", *m.span())
    named = _ANY_NINE_DIGITS.search(t) and _NATIONAL_NUMBER_NAMED.search(t)
    if named:
        check = sin if named.group().lower().startswith(("sin", "nas")) else ssn
        for m in _NINE_DIGITS.finditer(t):
            if ORDER_LABEL.search(t, max(0, m.start() - 24), m.start()):
                continue  # "1099 forms filed, order 123456789"
            if check.is_valid(re.sub(r"\D", "", m.group())):
                yield Finding("id_number", *m.span())
    yield from (Finding("id_number", *m.span()) for m in _HKID.finditer(t))
    if "PAN" in t:
        yield from (Finding("id_number", *m.span("value")) for m in _PAN.finditer(t))
    if _PAN_NAMED.search(t):
        yield from (Finding("id_number", *m.span()) for m in _PAN_ANYWHERE.finditer(t))
    if _NRIC_NAMED.search(t):
        yield from (Finding("id_number", *m.span()) for m in _NRIC.finditer(t))
    if _SSS_NAMED.search(t):
        yield from (Finding("id_number", *m.span()) for m in _SSS.finditer(t))
    if "<" in t:
        yield from (Finding("id_number", *m.span()) for m in _PASSPORT_MRZ.finditer(t))
    # A value has five digits at least (the check below, and national_numbers' six): counting
    # them is cheaper than the label search, which most messages with a digit or two then skip.
    if len(_ONE_DIGIT.findall(t)) < 5 or not mentions(HINT, t):
        return
    yield from find_national_numbers(t)
    if _NINO_NAMED.search(t):
        yield from (Finding("id_number", *m.span("value")) for m in _NINO.finditer(t))
    for m in _VALUE_THEN_LABEL.finditer(t):
        digits = sum(ch.isdigit() for ch in m.group("value"))
        if not 5 <= digits <= 20 or m.group("label").lower() == "id":
            continue  # "ID" alone names many other numbers (below)
        if not ORDER_LABEL.search(t, max(0, m.start() - 24), m.start()):
            yield Finding("id_number", *m.span("value"))
    for m in _LABELLED.finditer(t):
        value = m.group("value")
        if not 5 <= sum(ch.isdigit() for ch in value) <= 20:
            continue  # "护照 2030年到期": a year, not a number
        if _OTHER_NUMBER.search(t, m.end("label"), m.start("value")):
            continue
        if m.group("label").lower() == "id" and not (
            _MY.search(t, max(0, m.start() - 8), m.start()) or _NUMBER_WORD.match(t, m.end("label"))
        ):
            continue
        yield Finding("id_number", m.start("value"), m.end("value"))
