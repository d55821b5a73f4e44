"""Text features for screening and suggestions: TF-IDF of word and character n-grams."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion


def text_vectorizer(*, max_features: int | None = 200_000) -> FeatureUnion:
    """Word 1-2-grams and character 2-5-grams within word boundaries, each TF-IDF (sublinear)."""
    words = _tfidf("word", (1, 2), 1, max_features, token_pattern=r"(?u)\b\w[\w.]*\b")
    chars = _tfidf("char_wb", (2, 5), 2, max_features)
    return FeatureUnion([("words", words), ("chars", chars)])


def _tfidf(
    analyzer: str, grams: tuple[int, int], min_df: int, max_features: int | None, **more: str
) -> TfidfVectorizer:
    """A sublinear TF-IDF vectorizer of `analyzer` n-grams, in float64."""
    return TfidfVectorizer(
        analyzer=analyzer,
        ngram_range=grams,
        sublinear_tf=True,
        min_df=min_df,
        max_features=max_features,
        dtype=np.float64,
        **more,
    )


def text_features(texts: Sequence[str]) -> sp.csr_matrix:
    """The TF-IDF word + character n-gram matrix of `texts` (one row per text)."""
    if len(texts) == 0:
        raise ValueError("no texts to turn into features")
    matrix = text_vectorizer().fit_transform(["" if t is None else str(t) for t in texts])
    return sp.csr_matrix(matrix)
