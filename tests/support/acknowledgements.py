"""Short messages that carry no question or fact: acknowledgements, hesitations, a bare "?" or an
emoji, "this"/"that" pointing at nothing. After an answer or a list they must neither be read as
a follow-up nor pick an entry (tests/dialogue/test_rules.py, benchmarks/acknowledgements.py)."""

from __future__ import annotations

ACKNOWLEDGEMENTS = {
    "zh": [
        "嗯",
        "嗯嗯",
        "好的",
        "好",
        "哦",
        "额",
        "是的",
        "对",
        "行吧",
        "收到",
        "知道了",
        "这个",
        "那个",
        "？",
        "？？？",
        "...",
        "👍",
        "好的👍",
    ],
    "en": [
        "ok",
        "okay",
        "yes",
        "yeah",
        "hmm",
        "huh?",
        "k",
        "this one",
        "that",
        "alright",
        "sure",
        "?",
        "???",
        "...",
        "👍",
        "ok 👍",
    ],
}
# What may follow one in a generated message ("好的！", "ok 🙂").
MARKS = ["", "?", "？", "!", "。", "...", "~", " 👍", "🙂", "？？？"]
