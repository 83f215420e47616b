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
