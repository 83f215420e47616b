from collections.abc import Sequence

import numpy as np

def add_scores(
    columns: Sequence[int],
    idf: np.ndarray,
    bounds: tuple[int, ...],
    weights: tuple[float, ...],
    coef_t: np.ndarray,
    out: np.ndarray,
) -> int: ...
def pair_columns(
    words: Sequence[int], n_words: int, keys: np.ndarray, columns: np.ndarray
) -> list[int]: ...
def word_columns(
    tokens: list[str],
    vocabulary: dict[str, int],
    unigrams: bool,
    keys: np.ndarray,
    columns: np.ndarray,
    n_features: int,
) -> list[int]: ...
def top_k(scores: np.ndarray, k: int) -> list[int]: ...
def max_ratios(query: str, groups: list[list[str]]) -> list[float]: ...
def char_gram_table(vocabulary: dict[str, int], min_n: int, max_n: int) -> object: ...
def char_wb_columns(table: object, text: str) -> list[int]: ...
