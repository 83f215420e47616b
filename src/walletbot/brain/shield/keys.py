"""Private keys, transaction hashes and wallet addresses.

A private key is 64 hex digits, with or without "0x"/"0X", in any case, whole or split into groups
("4c0883a6 9102937d ...") or over two lines; or a WIF or extended private key (xprv), or a Solana
keypair (base58, or the byte array of its key file; 32 bytes at least, as a cut-off paste leaks too),
or a PEM private key block. Safety
first: 64 hex digits are a key unless the message calls them a transaction hash and nothing calls
them a key. Hashes and addresses an agent needs keep their ends ("0x5290…9EE7").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from walletbot.brain.shield.context import L
from walletbot.brain.shield.findings import Finding

B58 = "1-9A-HJ-NP-Za-km-z"
_R = r"(?![0-9A-Za-z])"
# Runs of hex groups; which of their groups add up to a key is decided in code.
_HEX_RUN = re.compile(L + r"(?:0[xX])?[0-9a-fA-F]+(?:(?: - | {1,2}|[-_:·]|\n)[0-9a-fA-F]+)*" + _R)
_HEX_GROUP = re.compile(r"[0-9a-fA-F]+")
_LONG_HEX = re.compile(r"[0-9a-fA-F]{4,}")
WIF = re.compile(L + rf"(?:5[HJK][{B58}]{{49}}|[KL][{B58}]{{51}})" + _R)
XPRV = re.compile(L + rf"[xyztuvYZUV]prv[{B58}]{{100,110}}" + _R)
# A WIF key wrapped over two lines when pasted: the two pieces together are one.
WIF_WRAPPED = re.compile(L + rf"[5KL][{B58}]{{9,50}}\n[{B58}]{{1,50}}" + _R)
# A Solana keypair, the secret and public key together (64 bytes): 87 or 88 base58 characters as
# wallets export it, or the 64 numbers of solana-keygen's id.json.
SOLANA_KEYPAIR = re.compile(L + rf"[{B58}]{{86,90}}" + _R)
BYTE_ARRAY = re.compile(r"\[\s*\d{1,3}(?:\s*,\s*\d{1,3}){31,63}\s*\]?")
# A PEM private key block (RSA, EC, OpenSSH, PKCS#8, encrypted or not), from its first line to its
# last, or to the message's end when the paste was cut off.
PEM_KEY = re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|\Z)"
)
# A key file's body without its PEM lines, right after the word for a private key: "应用私钥是
# MIIEvQIBADANBgkqhkiG9w0BAQEFAASC…" (base64, a hundred characters and more).
_LABELLED_BASE64 = re.compile(
    r"(?:私[钥鑰]|private\s*key)[^\n]{0,16}?\s*(?P<val>[A-Za-z0-9+/]{100,}={0,2})(?![A-Za-z0-9+/=])",
    re.IGNORECASE,
)
ADDRESS = re.compile(
    L
    + rf"(?:0x[0-9a-fA-F]{{40}}|[13][{B58}]{{25,34}}|T[{B58}]{{33}}"
    + r"|(?:bc1|tb1)[02-9ac-hj-np-z]{11,71}|(?:BC1|TB1)[02-9AC-HJ-NP-Z]{11,71})"
    + _R
)
LONG_TOKEN = re.compile(r"[0-9A-Za-z]{25,}")  # addresses, WIF and xprv keys are all this long
KEY_LABEL = re.compile(
    r"私钥|私鑰|密钥|密鑰|private\s*key|priv\s*key|privkey|secret|(?<![A-Za-z])key(?![A-Za-z])",
    re.IGNORECASE,
)
# A Solana transaction's signature has a keypair's shape (88 base58 characters): named so, it is
# kept as a tx hash is.
SIGNATURE_LABEL = re.compile(
    r"签名|簽名|(?<![A-Za-z])(?:signature|sig|txid|tx|transaction)(?![A-Za-z])", re.IGNORECASE
)
# A file's checksum is a hash too: "安装包的 SHA256 是 …", "the sha256 of the APK is …".
TX_LABEL = re.compile(
    r"交易哈希|交易号|交易號|交易id|哈希|区块|區塊|校验|校驗"
    r"|(?<![A-Za-z])(?:txid|txn|tx|hash|transaction|block|sha-?256|checksum)",
    re.IGNORECASE,
)


def find_keys(t: str) -> Iterator[Finding]:
    if len(t) >= 64 and sum(map(len, _LONG_HEX.findall(t))) >= 64:
        for start, end in _hex_keys(t):
            near = t[max(0, start - 40) : start] + " " + t[end : end + 20]
            # Safety first: a tx hash only when labelled as one and nothing says "key", unless
            # the label stands right before it ("交易ID 0x207e…，…私钥没给过任何人": the key
            # named after it is another matter).
            just_before = t[max(0, start - 12) : start]
            is_tx = (TX_LABEL.search(just_before) and not KEY_LABEL.search(just_before)) or (
                TX_LABEL.search(near) and not KEY_LABEL.search(near)
            )
            yield Finding("tx_hash" if is_tx else "private_key", start, end)
    if "[" in t:
        for m in BYTE_ARRAY.finditer(t):
            if all(int(n) <= 255 for n in re.findall(r"\d+", m.group())):
                yield Finding("private_key", *m.span())
    if "PRIVATE KEY-----" in t:
        yield from (Finding("private_key", *m.span()) for m in PEM_KEY.finditer(t))
    if LONG_TOKEN.search(t):
        yield from (Finding("private_key", *m.span("val")) for m in _LABELLED_BASE64.finditer(t))
        for rx in (WIF, XPRV):
            yield from (Finding("private_key", *m.span()) for m in rx.finditer(t))
        for m in SOLANA_KEYPAIR.finditer(t):
            before = t[max(0, m.start() - 24) : m.start()]
            named_signature = SIGNATURE_LABEL.search(before) and not KEY_LABEL.search(before)
            yield Finding("tx_hash" if named_signature else "private_key", *m.span())
        for m in WIF_WRAPPED.finditer(t):
            if WIF.fullmatch(m.group().replace("\n", "")):
                yield Finding("private_key", *m.span())
        for m in ADDRESS.finditer(t):
            if not m.group().isdigit():
                yield Finding("wallet_address", *m.span())


def _hex_keys(t: str) -> Iterator[tuple[int, int]]:
    """Spans of 64 hex digits: one group, or consecutive groups of 4+ digits that add up to 64."""
    for run in _HEX_RUN.finditer(t):
        run_start, run_end = run.span()
        prefixed = t.startswith(("0x", "0X"), run_start)
        groups = [g.span() for g in _HEX_GROUP.finditer(t, run_start + 2 * prefixed, run_end)]
        i = 0
        while i < len(groups):
            total, j = 0, i
            while j < len(groups) and total < 64:
                size = groups[j][1] - groups[j][0]
                if size < 4:  # "a", "be", "0": words and numbers, never a piece of a key
                    break
                total += size
                j += 1
            if total == 64:
                start = run_start if i == 0 else groups[i][0]
                yield start, groups[j - 1][1]
                i = j
            else:
                i += 1
