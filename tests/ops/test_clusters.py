from walletbot.ops.clusters import group_questions


def test_similar_questions_share_a_group_and_frequent_groups_come_first() -> None:
    groups = group_questions(
        [
            "怎么开发票",
            "怎麼開發票",  # traditional spelling of the same question
            "怎么开发票啊",
            "can I get an invoice",
            "can i get an invoice?",
            "怎么开发票",
        ]
    )
    assert [g.count for g in groups] == [4, 2]
    assert groups[0].examples[0] == "怎么开发票"
    assert group_questions([]) == []


def test_similarity_equals_scikit_learn_tfidf() -> None:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from walletbot.ops.clusters import _dot, _tfidf

    texts = ["怎么开发票", "怎么开发票啊", "can i get an invoice", "can i get an invoice?", "ab a"]
    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)
    matrix = reference.fit_transform(texts)
    expected = (matrix @ matrix.T).toarray()
    vectors = _tfidf(texts)
    ours = np.array([[_dot(a, b) for b in vectors] for a in vectors])
    np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-12)
