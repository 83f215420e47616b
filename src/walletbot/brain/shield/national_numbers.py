"""National identity numbers that carry a check digit python-stdnum validates, found anywhere in a
message that names them: "o CPF que coloquei no Pix foi 690.972.494-14", "my DNI — they keep
saying it's wrong — 56313406E".

documents.py masks a value right after its label, whatever its digits. Here the label may stand
anywhere in the message, so the value must pass its country's check: a CPF's two check digits, a
DNI's letter, a CURP's last digit. An order number that happens to pass one check in ten or a
hundred is masked too, in a message about that document only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from stdnum.br import cpf
from stdnum.cl import rut
from stdnum.de import idnr
from stdnum.es import dni, nie, nif
from stdnum.fr import nir
from stdnum.id import nik
from stdnum.it import codicefiscale
from stdnum.jp import in_ as my_number
from stdnum.kr import rrn
from stdnum.mx import curp, rfc
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.se import personnummer
from stdnum.tr import tckimlik

from walletbot.brain.shield.context import ORDER_LABEL, L, R
from walletbot.brain.shield.findings import Finding

# Each document's names, and the checks of the numbers it may be.
_DOCUMENTS: tuple[tuple[re.Pattern[str], tuple[Callable[[str], bool], ...]], ...] = tuple(
    (re.compile(names, re.IGNORECASE), checks)
    for names, checks in (
        (r"(?<![A-Za-z])(?:dni|nif|nie)(?![A-Za-z])", (dni.is_valid, nie.is_valid, nif.is_valid)),
        (r"(?<![A-Za-z])cpf(?![A-Za-z])", (cpf.is_valid,)),
        (r"(?<![A-Za-z])(?:curp|rfc)(?![A-Za-z])", (curp.is_valid, rfc.is_valid)),
        # "run" is an English word; Chile's RUN is written in capitals
        (r"(?<![A-Za-z])(?:rut|(?-i:RUN))(?![A-Za-z])", (rut.is_valid,)),
        (r"(?<![A-Za-z])pesel(?![A-Za-z])", (pesel.is_valid,)),
        (r"(?<![A-Za-z])(?:bsn|burgerservicenummer)(?![A-Za-z])", (bsn.is_valid,)),
        (r"kimlik|(?<![A-Za-z])tckn(?![A-Za-z])", (tckimlik.is_valid,)),
        (r"(?<![A-Za-z])(?:nik|ktp)(?![A-Za-z])", (nik.is_valid,)),
        (r"personnummer", (personnummer.is_valid,)),
        (r"codice\s+fiscale", (codicefiscale.is_valid,)),
        (r"resident\s+registration|주민", (rrn.is_valid,)),
        (r"マイナンバー|個人番号|(?<![A-Za-z])my\s+number\s+card", (my_number.is_valid,)),
        (r"(?<![A-Za-z])nir(?![A-Za-z])|s[ée]curit[ée]\s+sociale", (nir.is_valid,)),
        (
            r"steuer-?\s?id|steuer-?identifikationsnummer|(?<![A-Za-z])idnr(?![A-Za-z])",
            (idnr.is_valid,),
        ),
    )
)
# A number as such documents are written: letters, then digits and letters, in groups set apart
# by dots, dashes or slashes, or by spaces between digits ("690.972.494-14", "12.345.678-K",
# "GOMA850315HDFRRN09", "850315-1234567", "1 85 05 78 006 084 91").
_CANDIDATE = re.compile(L + r"[A-Za-z]{0,6}\d(?:[.\-/]?[\dA-Za-z]| \d){5,22}" + R)
# Every name above contains one of these: most messages skip the search.
HINT = re.compile(
    r"(?<![a-z])(?:dni|nif|nie|cpf|curp|rfc|rut|run|pesel|bsn|tckn|nik|ktp|nir)(?![a-z])"
    r"|kimlik|personnummer|burgerservicenummer|fiscale|resident registration|주민|マイナンバー|個人番号"
    r"|my number card|s[ée]curit[ée] sociale|steuer|idnr",
    re.IGNORECASE,
)


def find_national_numbers(t: str) -> Iterator[Finding]:
    if not HINT.search(t):
        return
    checks = [check for names, found in _DOCUMENTS if names.search(t) for check in found]
    if not checks:
        return
    for m in _CANDIDATE.finditer(t):
        if sum(ch.isdigit() for ch in m.group()) < 6:
            continue
        if ORDER_LABEL.search(t, max(0, m.start() - 24), m.start()):
            continue  # "DNI verified, order 12345678Z": the order's number
        if any(check(m.group()) for check in checks):  # stdnum's is_valid returns, never raises
            yield Finding("id_number", *m.span())
