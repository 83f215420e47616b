"""Group the questions the bot could not answer, so each group can become one new FAQ entry.

Greedy grouping by cosine similarity of character n-gram TF-IDF vectors (n-grams work for Chinese
without word segmentation, as in the retriever): each question joins the first group whose
leader it resembles (cosine > threshold), else leads a new group. Texts are compared in the
brain's normalised form, so traditional/simplified and full-/half-width spellings meet.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from walletbot.brain.analyzers import char_wb_ngrams
from walletbot.brain.text import normalise

NGRAMS = (1, 3)

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
    vectors = _tfidf(forms)
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    for index, row in enumerate(vectors):
        best, best_score = None, threshold
        for leader in leaders:
            score = _dot(row, vectors[leader])
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


def _tfidf(texts: Sequence[str]) -> list[dict[str, float]]:
    """Unit-length char_wb 1-3 TF-IDF vectors (scikit-learn's smooth idf and sublinear tf; the
    serving process does not load scikit-learn, and a few hundred questions need no matrices)."""
    counts = [Counter(char_wb_ngrams(text.lower(), NGRAMS)) for text in texts]
    documents = Counter(gram for row in counts for gram in row)
    idf = {gram: math.log((1 + len(texts)) / (1 + df)) + 1 for gram, df in documents.items()}
    vectors = []
    for row in counts:
        vector = {gram: (1 + math.log(n)) * idf[gram] for gram, n in row.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({gram: v / norm for gram, v in vector.items()})
    return vectors


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b.get(gram, 0.0) for gram, v in a.items())
