"""Group the questions the bot could not answer, so each group can become one new FAQ entry.

Greedy grouping by cosine similarity of character n-gram TF-IDF vectors (n-grams work for Chinese
without word segmentation, as in the retriever): each question joins the first group whose
leader it resembles (cosine > threshold), else leads a new group. Texts are compared in the
brain's normalised form, so traditional/simplified and full-/half-width spellings meet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer

from walletbot.brain.text import normalise

SIMILAR = 0.5
EXAMPLES = 5


@dataclass(frozen=True)
class QuestionGroup:
    count: int  # how many times questions of this group were asked
    examples: tuple[str, ...]  # the most frequent distinct phrasings, masked as stored


def group_questions(texts: Sequence[str], threshold: float = SIMILAR) -> list[QuestionGroup]:
    by_form: dict[str, Counter[str]] = {}
    for text in texts:
        form = normalise(text)
        if form:
            by_form.setdefault(form, Counter())[text] += 1
    if not by_form:
        return []
    forms = sorted(by_form, key=lambda f: -sum(by_form[f].values()))  # frequent ones lead
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)
    matrix = vectors.fit_transform(forms)  # rows are L2-normalised: dot product = cosine
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    for index in range(len(forms)):
        row = matrix[index]
        best, best_score = None, threshold
        for leader in leaders:
            score = float(row.multiply(matrix[leader]).sum())
            if score > best_score:
                best, best_score = leader, score
        if best is None:
            leaders.append(index)
            members[index] = [index]
        else:
            members[best].append(index)
    groups = []
    for leader in leaders:
        phrasings: Counter[str] = Counter()
        for index in members[leader]:
            phrasings.update(by_form[forms[index]])
        examples = tuple(text for text, _ in phrasings.most_common(EXAMPLES))
        groups.append(QuestionGroup(count=sum(phrasings.values()), examples=examples))
    return sorted(groups, key=lambda g: -g.count)
