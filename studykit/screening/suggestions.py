"""`studykit suggest` and `suggest evaluate`: code suggestions trained on the consensus labels,
and their cross-validated quality with the model-vs-consensus agreement beside the raters'.

Suggestions are written to a file, never stored as codings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import coding
from analysis.screening.evaluation import Evaluation, evaluate_grouped
from analysis.screening.features import text_features
from analysis.screening.suggestions import fit_suggester, top_codes
from studykit.db import Database
from studykit.db.reads import consensus_labels
from studykit.errors import InputError
from studykit.labelling.ratings import joined_codes, rating_table
from studykit.screening.feature_cache import cached_text_features
from studykit.screening.texts import item_texts

AGREEMENT = ("krippendorff_alpha", "cohen_kappa")


def _labelled(db: Database, dimension: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(items with one consensus code in `dimension` and their text, every item's text)."""
    labels = consensus_labels(db)
    labels = labels[labels["dimension"] == dimension]
    if labels.empty:
        raise InputError(
            f"no consensus labels in dimension {dimension!r}: run `studykit consensus` first"
        )
    one = joined_codes(labels, ["item_id"])
    several = one[one["code"].str.contains(";", regex=False)]
    if not several.empty:
        raise InputError(
            f"dimension {dimension!r}: {len(several)} items carry several codes (e.g. "
            f"{several['item_id'].iloc[0]}); suggestions cover single-label dimensions only"
        )
    texts = item_texts(db)
    return one.merge(texts, on="item_id", how="left"), texts


@dataclass(frozen=True)
class Suggestions:
    """Per uncoded item its top codes; the labelled items trained on; codes left out."""

    table: pd.DataFrame
    trained_on: int
    left_out: dict[str, int]


def suggest_codes(
    db: Database, dimension: str, *, model: str = "lr", k: int = 3, cache: Path | None = None
) -> Suggestions:
    """The top `k` codes with calibrated probabilities for every item without a consensus
    (with `cache`, the text features are kept in that folder between calls)."""
    labelled, texts = _labelled(db, dimension)
    features = cached_text_features(texts["text"].tolist(), cache)
    index = {item: i for i, item in enumerate(texts["item_id"])}
    rows = [index[i] for i in labelled["item_id"]]
    try:
        suggester = fit_suggester(features[rows], labelled["code"].tolist(), model=model)
    except ValueError as exc:
        raise InputError(f"dimension {dimension!r}: {exc}") from None
    uncoded = texts[~texts["item_id"].isin(set(labelled["item_id"]))]
    table = top_codes(suggester, features[uncoded.index.to_numpy()], uncoded["item_id"].tolist(), k)
    return Suggestions(table, len(labelled), suggester.left_out)


@dataclass(frozen=True)
class SuggestionQuality:
    """The grouped evaluation and the agreement of model and raters with the consensus."""

    evaluation: Evaluation
    agreement: pd.DataFrame
    group: str


def evaluate_suggestions(
    db: Database, dimension: str, *, model: str = "lr", group: str = "repository"
) -> SuggestionQuality:
    """Leave-one-`group`-out quality and model-vs-consensus agreement beside the raters'."""
    labelled, _ = _labelled(db, dimension)
    if group not in labelled.columns:
        raise InputError(f"--group {group!r}: items have no such field (try repository)")
    missing = labelled[group].isna()
    if missing.any():
        raise InputError(
            f"{int(missing.sum())} labelled items have no {group} (e.g. "
            f"{labelled.loc[missing, 'item_id'].iloc[0]}): pick another --group"
        )
    try:
        evaluation = evaluate_grouped(
            text_features(labelled["text"].fillna("").tolist()),
            labelled["code"].tolist(),
            labelled[group].tolist(),
            item_ids=labelled["item_id"].tolist(),
            model=model,
        )
    except ValueError as exc:
        raise InputError(f"dimension {dimension!r}: {exc}") from None
    return SuggestionQuality(evaluation, _agreement(db, dimension, evaluation), group)


def _agreement(db: Database, dimension: str, evaluation: Evaluation) -> pd.DataFrame:
    """alpha and kappa: model vs consensus (out-of-fold labels), and the raters among them."""
    pred = evaluation.predictions
    pairs = pd.concat(
        [
            pd.DataFrame({"item": pred["item_id"], "rater": "consensus", "value": pred["code"]}),
            pd.DataFrame({"item": pred["item_id"], "rater": "model", "value": pred["predicted"]}),
        ]
    )
    rows = [_coefficients(pairs, "model vs consensus (out of fold)")]
    codings = db.read("codings", columns=["item_id", "rater", "dimension", "code", "round"])
    for round_name, frame in codings[codings["dimension"] == dimension].groupby("round"):
        raters = rating_table(frame, dimension)
        if raters["rater"].nunique() >= 2:
            who = f"{raters['rater'].nunique()} raters, round {round_name}"
            rows.append(_coefficients(raters, who))
    return pd.concat(rows, ignore_index=True)


def _coefficients(ratings: pd.DataFrame, who: str) -> pd.DataFrame:
    """Krippendorff's alpha (and Cohen's kappa for two raters) from coding's agreement."""
    chosen = [c for c in AGREEMENT if c != "cohen_kappa" or ratings["rater"].nunique() == 2]
    table = coding.agreement(ratings, coefficients=chosen, n_boot=200)
    table.insert(0, "who", who)
    return table
