"""Short messages that carry no question or fact: acknowledgements, hesitations, a bare "?" or an
emoji, "this"/"that" pointing at nothing. After an answer or a list they must neither be read as
a follow-up nor pick an entry (tests/dialogue/test_rules.py, benchmarks/acknowledgements.py).
So do passes ("跳过", "dunno") when the bot asked nothing."""

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
# Passing or not knowing, when the bot asked nothing (after an answer) or asked which of a list:
# after an answer they say nothing of their own either; after a list, that the user cannot tell.
PASSES = {
    "zh": ["跳过", "不知道", "不清楚", "不确定", "略过", "不知道。", "跳过吧"],
    "en": ["skip", "dunno", "idk", "not sure", "no idea", "i don't know", "pass"],
}
# What may follow one in a generated message ("好的！", "ok 🙂").
MARKS = ["", "?", "？", "!", "。", "...", "~", " 👍", "🙂", "？？？"]
