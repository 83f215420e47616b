import numpy as np
import pytest

from walletbot.brain.faq import KnowledgeBase
from walletbot.brain.retriever import FaqRetriever
from walletbot.brain.text import normalise

PHRASINGS = [
    ("how long does a withdrawal take", "withdrawal-time"),
    ("when will my withdrawal arrive in my bank", "withdrawal-time"),
    ("提现多久到账", "withdrawal-time"),
    ("i forgot my login password", "password-forgot"),
    ("reset my password please", "password-forgot"),
    ("忘记登录密码怎么办", "password-forgot"),
    ("the app crashes when i open it", "app-crash"),
    ("app 一打开就闪退", "app-crash"),
]


@pytest.fixture(scope="module")
def retriever() -> FaqRetriever:
    return FaqRetriever.fit([t for t, _ in PHRASINGS], [f for _, f in PHRASINGS])


@pytest.mark.parametrize(
    ("query", "faq_id"),
    [
        ("withdrawal takes how long?", "withdrawal-time"),
        ("提现什么时候到账", "withdrawal-time"),
        ("forgot password", "password-forgot"),
        ("登录密码忘了", "password-forgot"),
        ("app keeps crashing", "app-crash"),
        ("闪退了", "app-crash"),
        ("i forgott my pasword", "password-forgot"),  # typos
    ],
)
def test_finds_the_entry(retriever: FaqRetriever, query: str, faq_id: str) -> None:
    candidates = retriever.search(normalise(query))
    assert candidates[0].faq_id == faq_id
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)


def test_one_candidate_per_entry(retriever: FaqRetriever) -> None:
    ids = [c.faq_id for c in retriever.search("password", top=10)]
    assert sorted(ids) == sorted({"withdrawal-time", "password-forgot", "app-crash"})


def test_rejects_mismatched_input() -> None:
    with pytest.raises(ValueError):
        FaqRetriever.fit(["a"], [])


def test_lean_similarity_equals_scikit_learn(kb: KnowledgeBase) -> None:
    phrasings = list(kb.phrasings())
    texts = [normalise(p.text) for p in phrasings]
    retriever = FaqRetriever.fit(texts, [p.faq_id for p in phrasings])
    queries = [*texts, "完全无关的句子", "zzz qqq", "提現 ＡＰＰ", "withdrawl pasword"]
    for query in queries:
        np.testing.assert_allclose(
            retriever.centroid_similarity(query),
            retriever.reference_similarity(query),
            rtol=0,
            atol=1e-12,
        )
