"""Screening features kept on disk: the TF-IDF matrix of a set of texts, rebuilt only when a
text or the feature settings change.

A cache file is named by a hash of the feature settings (text_vectorizer's parameters and
scikit-learn's, NumPy's and SciPy's versions) and of every text, so a file found under that
name holds the matrix of exactly those texts. Files are written atomically, read with
scipy.sparse.load_npz (no unpickling), and a file that cannot be read or does not fit is
rebuilt, never trusted. Only the most recently used few files in the folder are kept. A folder
that cannot be written means no cache, silently: the matrix is built as without one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn

from analysis.screening.features import text_features, text_vectorizer

KEEP = 3
PREFIX = "features-"


def cached_text_features(texts: Sequence[str], folder: Path | None) -> sp.csr_matrix:
    """text_features(texts), read from `folder` when it holds them, else built and kept there."""
    if folder is None:
        return text_features(texts)
    path = folder / f"{PREFIX}{features_key(texts)}.npz"
    matrix = _read(path, len(texts))
    if matrix is not None:
        with contextlib.suppress(OSError):
            os.utime(path)
        return matrix
    matrix = text_features(texts)
    if _write(matrix, path):
        _prune(folder, keep=path)
    return matrix


def settings_fingerprint() -> str:
    """The feature settings: each vectorizer's parameters and the versions of scikit-learn
    (and of NumPy and SciPy, whose arithmetic it uses)."""
    union = text_vectorizer()
    versions = f"sklearn={sklearn.__version__} numpy={np.__version__} scipy={scipy.__version__}"
    parts = [versions, f"weights={union.transformer_weights!r}"]
    for name, vectorizer in union.transformer_list:
        params = vectorizer.get_params(deep=False)
        parts.append(f"{name}:" + ",".join(f"{k}={params[k]!r}" for k in sorted(params)))
    return "\n".join(parts)


def features_key(texts: Sequence[str], fingerprint: str | None = None) -> str:
    """A hash of the feature settings and every text (length-prefixed UTF-8)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in [fingerprint or settings_fingerprint(), *texts]:
        data = ("" if part is None else str(part)).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _read(path: Path, rows: int) -> sp.csr_matrix | None:
    """The matrix in `path` if it is there, readable and `rows` rows of valid CSR, else None."""
    try:
        matrix = sp.load_npz(path)
        if not isinstance(matrix, sp.csr_matrix) or matrix.shape[0] != rows:
            return None
        matrix.check_format(full_check=True)
    except Exception:
        return None
    return matrix


def _write(matrix: sp.csr_matrix, path: Path) -> bool:
    """Write `matrix` to `path` atomically (temporary file + rename); False if impossible."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{PREFIX}", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            sp.save_npz(file, matrix, compressed=False)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
    return True


def _prune(folder: Path, keep: Path) -> None:
    """Delete all but the `KEEP` most recently used feature files in `folder` (and `keep`)."""
    files = []
    for file in folder.glob(f"{PREFIX}*.npz"):
        with contextlib.suppress(OSError):
            files.append((file.stat().st_mtime, file))
    files.sort(reverse=True)
    for _, file in files[KEEP:]:
        if file != keep:
            with contextlib.suppress(OSError):
                file.unlink()
