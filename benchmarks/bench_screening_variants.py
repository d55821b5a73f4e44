"""Screening variants: what ASReview's default (elas_u4) does differently, one change at a time.

    .venv/bin/python benchmarks/bench_screening_variants.py --dataset example --variant weights \
        --models svm,lr [--seeds 15]
    .venv/bin/python benchmarks/bench_screening_variants.py --table   # the table of all runs so far

Each variant changes one setting of studykit's screening model towards ASReview 3's default
`elas_u4` and replays the same simulation as `studykit screen simulate` (priors 1 + 10 drawn by
`draw_priors`, retraining after every decision, 15 seeds) on the example study (after `make
demo`: `discovery_stage` = deployment) or on the Humbatova Stack Overflow titles. Appends the
summary to benchmarks/results/screening-variants-runs.csv and every seed's metrics to
benchmarks/results/screening-variants-seeds.csv (the record behind screening-variants.md).

Variants (elas_u4: TF-IDF word 1-2-grams, sublinear, max_df 0.95; LinearSVC C = 0.11; sample
weights giving the relevant class 9.8 times the irrelevant class's total weight; maximum query):

- studykit: the current default (word 1-2 + char_wb 2-5 TF-IDF; both classes the same total
  weight: class weights for lr and svm, sample weights for nb; lr C = 10, svm C = 1);
- weights: ASReview's balancer, relevant total weight 9.8 x the irrelevant one (sample weights
  normalised to mean 1), in place of balanced class weights;
- svm-c: svm with C = 0.11 (ASReview's) in place of 1;
- words: ASReview's features (word 1-2-grams only, scikit-learn's token pattern, max_df 0.95);
- no-chars: studykit's word 1-2-gram TF-IDF alone, without the character n-grams (one of the
  three differences `words` bundles);
- max-df: studykit's features with max_df 0.95 in both vectorizers (n-grams in more than 95%
  of the texts dropped; another of them);
- resample: balanced resampling in place of class weights: the relevant training records drawn
  with replacement (seeded) until they are as many as the irrelevant ones (a suggested
  alternative; ASReview 3 itself weights, it does not resample);
- nb-unweighted: naive Bayes without balanced sample weights, studykit's nb before this record
  (since then nb weighs both classes the same in total, as lr and svm do by class weights);
- elas_u4: all three (ASReview's features, svm C = 0.11, its weights; with lr its features and
  weights, C stays 10): with svm, a check that this harness reproduces ASReview's own numbers.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.stats import wilcoxon
from sklearn.base import ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent))

import analysis.screening.active as active
from analysis.screening.features import text_features, text_vectorizer
from analysis.screening.models import make_model
from analysis.screening.simulation import simulate
from analysis.table_writers import to_markdown

RESULTS = Path(__file__).resolve().parent / "results"
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example"
ASREVIEW_RATIO = 9.8
ASREVIEW_SVM_C = 0.11
VARIANTS = (
    "studykit",
    "weights",
    "svm-c",
    "words",
    "no-chars",
    "max-df",
    "resample",
    "nb-unweighted",
    "elas_u4",
)


def asreview_sample_weight(y: np.ndarray, ratio: float) -> np.ndarray:
    """ASReview's Balanced balancer: relevant weight 1, irrelevant n1 / (ratio n0), mean 1."""
    ones, zeros = int((y == 1).sum()), int((y == 0).sum())
    weights = np.where(y == 1, 1.0, ones / (ratio * zeros))
    return weights * (len(y) / weights.sum())


class WeightedSVC(LinearSVC):
    """LinearSVC fitted with ASReview's sample weights (no class weights)."""

    def fit(self, X, y, sample_weight=None):
        return super().fit(X, y, sample_weight=asreview_sample_weight(y, ASREVIEW_RATIO))


class WeightedLR(LogisticRegression):
    """LogisticRegression fitted with ASReview's sample weights (no class weights)."""

    def fit(self, X, y, sample_weight=None):
        return super().fit(X, y, sample_weight=asreview_sample_weight(y, ASREVIEW_RATIO))


def oversampled(X, y: np.ndarray, seed: int):
    """X and y with relevant rows drawn with replacement until both classes are as many."""
    ones, zeros = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    rng = np.random.default_rng([seed, len(y)])
    extra = rng.choice(ones, max(zeros.size - ones.size, 0), replace=True)
    rows = np.concatenate([np.arange(len(y)), extra])
    return X[rows], y[rows]


class ResampledSVC(LinearSVC):
    """LinearSVC fitted on the oversampled training set (no class weights)."""

    def fit(self, X, y, sample_weight=None):
        return super().fit(*oversampled(X, np.asarray(y), self.random_state or 0))


class ResampledLR(LogisticRegression):
    """LogisticRegression fitted on the oversampled training set (no class weights)."""

    def fit(self, X, y, sample_weight=None):
        return super().fit(*oversampled(X, np.asarray(y), self.random_state or 0))


def model_factory(variant: str) -> Callable[..., ClassifierMixin]:
    """make_model's replacement for `variant`."""

    def weighted(name: str, seed: int = 0, *, binary: bool = True) -> ClassifierMixin:
        base = make_model(name, seed, binary=binary)
        if name not in ("lr", "svm"):
            return base
        params = {**base.get_params(), "class_weight": None}
        if variant == "elas_u4" and name == "svm":
            params["C"] = ASREVIEW_SVM_C
        return (WeightedLR if name == "lr" else WeightedSVC)(**params)

    def small_c(name: str, seed: int = 0, *, binary: bool = True) -> ClassifierMixin:
        model = make_model(name, seed, binary=binary)
        return model.set_params(C=ASREVIEW_SVM_C) if name == "svm" else model

    def resampled(name: str, seed: int = 0, *, binary: bool = True) -> ClassifierMixin:
        base = make_model(name, seed, binary=binary)
        if name not in ("lr", "svm"):
            return base
        params = {**base.get_params(), "class_weight": None}
        return (ResampledLR if name == "lr" else ResampledSVC)(**params)

    def unweighted_nb(name: str, seed: int = 0, *, binary: bool = True) -> ClassifierMixin:
        model = make_model(name, seed, binary=binary)
        return MultinomialNB(**model.get_params()) if name == "nb" else model

    if variant == "nb-unweighted":
        return unweighted_nb
    if variant in ("weights", "elas_u4"):
        return weighted
    if variant == "resample":
        return resampled
    if variant == "svm-c":
        return small_c
    return make_model


def features_for(variant: str, texts: list[str]) -> sp.csr_matrix:
    """The feature matrix a variant ranks with."""
    if variant in ("words", "elas_u4"):
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, max_df=0.95)
        return sp.csr_matrix(vectorizer.fit_transform(texts))
    if variant in ("no-chars", "max-df"):
        union = text_vectorizer()
        if variant == "no-chars":
            return sp.csr_matrix(dict(union.transformer_list)["words"].fit_transform(texts))
        union.set_params(words__max_df=0.95, chars__max_df=0.95)
        return sp.csr_matrix(union.fit_transform(texts))
    return text_features(texts)


def example_data() -> tuple[list[str], np.ndarray]:
    """The example study's texts and relevance, as `studykit screen simulate` reads them."""
    from studykit.db import Database
    from studykit.db.reads import consensus_labels
    from studykit.screening.decisions import relevance
    from studykit.screening.texts import item_texts

    db = Database.open(f"sqlite:///{EXAMPLE / 'processed' / 'study.sqlite'}")
    labels, _ = relevance(consensus_labels(db), "discovery_stage", ["deployment"])
    data = labels.merge(item_texts(db), on="item_id", how="left")
    return data["text"].fillna("").tolist(), data["relevant"].to_numpy()


def humbatova_data() -> tuple[list[str], np.ndarray]:
    """The Humbatova titles and relevance, as bench_screening_humbatova.py reads them."""
    from humbatova_screening_data import stack_overflow_titles

    data = stack_overflow_titles()
    return data["title"].tolist(), data["relevant"].to_numpy()


def append_csv(frame: pd.DataFrame, path: Path) -> None:
    """Append rows to a CSV, writing the header when the file is new."""
    frame.to_csv(path, mode="a", header=not path.exists(), index=False)


def _paired(runs: pd.Series, base: pd.Series) -> str:
    """Mean difference, seeds up and down, and the Wilcoxon signed-rank p of runs - base."""
    diff = runs - base.loc[runs.index]
    better, worse = int((diff > 1e-12).sum()), int((diff < -1e-12).sum())
    p = wilcoxon(runs, base.loc[runs.index]).pvalue if better + worse else 1.0
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    return f"{diff.mean():+.3f} ({better} up, {worse} down, {shown})"


def _variant_seeds() -> pd.DataFrame:
    """Every seed of every variant run so far, in dataset, model and variant order."""
    seeds = pd.read_csv(RESULTS / "screening-variants-seeds.csv")
    seeds["variant"] = pd.Categorical(seeds["variant"], VARIANTS)
    seeds["method"] = pd.Categorical(seeds["method"], ("lr", "svm", "nb"))
    return seeds.sort_values(["dataset", "method", "variant", "seed"])


def variants_table() -> pd.DataFrame:
    """Every variant run so far beside studykit's default: mean ± sd, paired per seed."""
    seeds = _variant_seeds()
    rows = []
    for (dataset, model, variant), runs in seeds.groupby(
        ["dataset", "method", "variant"], sort=False, observed=True
    ):
        runs = runs.set_index("seed")
        base = seeds.query("dataset == @dataset and method == @model and variant == 'studykit'")
        base = base.set_index("seed").loc[runs.index]
        row = {"data": dataset, "model": model, "variant": variant}
        for metric, name in (("wss95", "WSS@95"), ("rrf10", "RRF@10")):
            row[name] = f"{runs[metric].mean():.3f} ± {runs[metric].std(ddof=1):.3f}"
            row[f"{name} vs studykit"] = (
                _paired(runs[metric], base[metric]) if variant != "studykit" else ""
            )
        rows.append(row)
    return pd.DataFrame(rows)


def asreview_table() -> pd.DataFrame:
    """studykit's default models and the elas_u4 replica, paired per seed with ASReview itself."""
    seeds = _variant_seeds()
    rows = []
    for dataset in ("example", "humbatova"):
        path = RESULTS / f"screening-{dataset}-asreview-seeds.csv"
        if not path.exists():
            continue
        asreview = pd.read_csv(path).set_index("seed")
        chosen = seeds.query("dataset == @dataset and variant in ('studykit', 'elas_u4')")
        for (model, variant), runs in chosen.groupby(["method", "variant"], observed=True):
            if variant == "elas_u4" and model != "svm":
                continue
            runs = runs.set_index("seed")
            row = {"data": dataset, "run": f"{model} {variant}"}
            for metric, name in (("wss95", "WSS@95"), ("rrf10", "RRF@10")):
                row[f"{name} minus ASReview's"] = _paired(runs[metric], asreview[metric])
            rows.append(row)
    return pd.DataFrame(rows)


def main() -> None:
    """Run one variant on one dataset for each model; append its numbers (or print the table)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=("example", "humbatova"))
    parser.add_argument("--variant", choices=VARIANTS)
    parser.add_argument("--models", default="svm,lr")
    parser.add_argument("--seeds", type=int, default=15)
    parser.add_argument("--table", action="store_true", help="print the table of all runs")
    args = parser.parse_args()
    if args.table:
        print(to_markdown(variants_table()))
        print(to_markdown(asreview_table()))
        return
    if args.dataset is None or args.variant is None:
        parser.error("--dataset and --variant are required unless --table")
    texts, labels = example_data() if args.dataset == "example" else humbatova_data()
    features = features_for(args.variant, texts)
    active.make_model = model_factory(args.variant)  # type: ignore[assignment]
    RESULTS.mkdir(exist_ok=True)
    for model in args.models.split(","):
        start = time.perf_counter()
        result = simulate(features, labels, model=model, seeds=range(args.seeds))
        seconds = time.perf_counter() - start
        runs = result.runs[result.runs["method"] == model].assign(
            dataset=args.dataset, variant=args.variant
        )
        append_csv(runs, RESULTS / "screening-variants-seeds.csv")
        row = {"dataset": args.dataset, "variant": args.variant, "model": model}
        for metric in ("wss95", "rrf10", "atd"):
            values = runs[metric]
            row |= {
                f"{metric}_mean": round(float(values.mean()), 4),
                f"{metric}_sd": round(float(values.std(ddof=1)), 4),
                f"{metric}_min": round(float(values.min()), 4),
                f"{metric}_max": round(float(values.max()), 4),
            }
        row["seeds"] = args.seeds
        row["seconds"] = round(seconds)
        append_csv(pd.DataFrame([row]), RESULTS / "screening-variants-runs.csv")
        print(row, flush=True)


if __name__ == "__main__":
    main()
