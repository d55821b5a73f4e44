"""What a notebook calls with a study beyond the reads of `studykit.db.reads`: its codebook and
the agreement of its raters, as `studykit agree` computes it, returned as one DataFrame."""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Integral

import pandas as pd

from coding.codebook import Codebook
from studykit.db.reads import codings
from studykit.labelling.agreement import study_agreement
from studykit.labelling.codebooks import kind_codebook
from studykit.study import Study


def codebook(study: Study, *, kind: str | None = None) -> Codebook:
    """The codebook the manifest names for items of `kind` (segments: the interview one)."""
    _check_study(study)
    if kind is not None and not isinstance(kind, str):
        raise TypeError(f"kind must be a str, got {type(kind).__name__}")
    return kind_codebook(study, kind)


def agreement(
    study: Study,
    *,
    rounds: str | Iterable[str] | None = None,
    dimensions: str | Iterable[str] | None = None,
    kind: str | None = None,
    codebook: Codebook | None = None,
    n_boot: int = 1000,
) -> pd.DataFrame:
    """Agreement per round and dimension of the study's codings (every coefficient with its
    95% CI); the warnings `studykit agree` prints are in `.attrs["warnings"]`."""
    _check_study(study)
    if codebook is not None and not isinstance(codebook, Codebook):
        raise TypeError(f"codebook must be a Codebook, got {type(codebook).__name__}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, Integral) or n_boot < 0:
        raise ValueError(f"n_boot must be a non-negative integer, got {n_boot!r}")
    chosen = codebook or kind_codebook(study, kind)
    table, notes = study_agreement(
        codings(study, kind=kind),
        chosen,
        dimensions=_listed("dimensions", dimensions),
        rounds=_listed("rounds", rounds),
        n_boot=int(n_boot),
    )
    table.attrs["warnings"] = notes
    return table


def _check_study(study: object) -> None:
    if not isinstance(study, Study):
        raise TypeError(
            f"expected a Study (studykit.Study.open('study.toml')), got {type(study).__name__}"
        )


def _listed(parameter: str, value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    names = [value] if isinstance(value, str) else list(value)
    wrong = [n for n in names if not isinstance(n, str)]
    if wrong or not names:
        raise TypeError(f"{parameter} must be a str or a non-empty list of str, got {value!r}")
    return names
