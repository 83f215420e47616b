"""Short messages that carry no question or fact: acknowledgements, hesitations, a bare "?" or an
emoji, "this"/"that" pointing at nothing. After an answer or a list they must neither be read as
a follow-up nor pick an entry (tests/dialogue/test_rules.py, benchmarks/acknowledgements.py).
So do passes ("跳过", "dunno") when the bot asked nothing. Thanks and goodbyes get their own
entries' answers."""

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
# Thanks and praise for an answer, alone or after an acknowledgement: the bot says "you're
# welcome", never reads them in the answer's topic ("thanks" once got how to withdraw after the
# answer on withdrawal times).
THANKS = {
    "zh": [
        "谢谢",
        "谢谢你",
        "多谢",
        "谢啦",
        "感谢",
        "非常感谢",
        "好的谢谢",
        "好的，谢谢",
        "明白了，谢谢",
        "知道了谢谢",
        "收到，谢谢",
        "懂了，多谢",
        "太好了",
        "太好了，谢谢",
        "解决了",
        "问题解决了，谢谢",
        "有用，谢谢",
        "辛苦了",
        "好的，辛苦了",
        "谢谢客服",
    ],
    "en": [
        "thanks",
        "thank you",
        "thank you!",
        "thanks a lot",
        "ok thanks",
        "okay, thank you",
        "got it, thanks",
        "great, thanks",
        "perfect, thank you",
        "cheers",
        "thx",
        "ty",
        "appreciate it",
        "awesome, thanks",
        "that helped, thanks",
        "that's helpful",
        "great",
        "perfect",
        "thanks for the help",
        "many thanks",
    ],
}
# Goodbyes, alone or with thanks: the goodbye entry, never a follow-up ("bye" after most answers
# once found some other entry).
GOODBYES = {
    "zh": [
        "再见",
        "拜拜",
        "好的，再见",
        "谢谢，再见",
        "没有了",
        "没有了，谢谢",
        "没别的问题了",
        "没有其他问题了",
        "先这样吧",
        "好的没问题了",
        "就这些",
        "回头见",
    ],
    "en": [
        "bye",
        "ok bye",
        "goodbye",
        "thanks, bye",
        "that's all",
        "that's all, thanks",
        "nothing else",
        "no that's it",
        "no more questions",
        "see you",
        "i'm done, thank you",
        "all set, thanks",
    ],
}
# Questions that name nothing ("怎么弄", "why?"): after an answer there is no word to choose another
# entry by; the bot points back at the answer and offers a person.
ASKS_ONLY = {
    "zh": [
        "怎么弄",
        "怎么操作",
        "那怎么办",
        "具体怎么做",
        "在哪里设置",
        "为什么",
        "怎么回事",
        "什么意思",
    ],
    "en": [
        "how do i do that",
        "what should i do",
        "where is that",
        "how?",
        "why?",
        "how does that work",
        "where do i find it",
        "what does that mean",
    ],
}
# The problem goes on, said alone after the answer: a not-helpful vote for it, never a follow-up
# ("he still doesn't have it" after the answer on money taken but not received found the review
# times of identity checks).
STILL_NOT = {
    "zh": [
        "还没收到",
        "他还没收到呢",
        "对方还是没收到",
        "试过了",
        "已经试过了，没用",
        "照做了还是不行",
    ],
    "en": [
        "he still doesn't have it",
        "still nothing",
        "it's still pending",
        "still hasn't arrived",
        "it still says failed",
        "did that already",
    ],
}
# What may follow one in a generated message ("好的！", "ok 🙂").
MARKS = ["", "?", "？", "!", "。", "...", "~", " 👍", "🙂", "？？？"]
