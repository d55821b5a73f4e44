"""Text features for screening and suggestions: TF-IDF of word and character n-grams."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion


def text_vectorizer(*, max_features: int | None = 200_000) -> FeatureUnion:
    """Word 1-2-grams and character 2-5-grams within word boundaries, each TF-IDF (sublinear)."""
    words = TfidfVectorizer(
        analyzer="word",
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=1,
        max_features=max_features,
        token_pattern=r"(?u)\b\w[\w.]*\b",
        dtype=np.float64,
    )
    chars = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 5),
        sublinear_tf=True,
        min_df=2,
        max_features=max_features,
        dtype=np.float64,
    )
    return FeatureUnion([("words", words), ("chars", chars)])


def text_features(texts: Sequence[str]) -> sp.csr_matrix:
    """The TF-IDF word + character n-gram matrix of `texts` (one row per text)."""
    if len(texts) == 0:
        raise ValueError("no texts to turn into features")
    matrix = text_vectorizer().fit_transform(["" if t is None else str(t) for t in texts])
    return sp.csr_matrix(matrix)
