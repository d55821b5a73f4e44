"""`agree --split-by-suggestion`: agreement apart for codings made with a suggestion in view,
without one, and unknown; each group checked against scikit-learn's Cohen's kappa."""

import json
import random
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score
from typer.testing import CliRunner

from studykit.cli import app
from studykit.db import insert, schema
from studykit.labelling.suggestion_split import agreement_by_suggestion, suggestion_group
from studykit.study import Study
from tests.support.codebooks import small_codebook

CODES = ["env_api", "env_version", "model", "training"]


def _codings() -> pd.DataFrame:
    """60 items coded by ann and ben: 20 both with a suggestion in view (agreeing more), 20 both
    without, 10 unknown (NULL), 10 where only ben saw one (in no group's pairs)."""
    rng = random.Random(3)
    rows = []
    for n in range(60):
        group = [True] * 20 + [False] * 20 + [None] * 10 + ["mixed"] * 10
        flag = group[n]
        ann = rng.choice(CODES)
        agree = 0.9 if flag is True else 0.5
        ben = ann if rng.random() < agree else rng.choice(CODES)
        for rater, code in (("ann", ann), ("ben", ben)):
            seen = (rater == "ben") if flag == "mixed" else flag
            rows.append(
                {
                    "item_id": f"i{n:02d}",
                    "rater": rater,
                    "dimension": "defect_type",
                    "code": code,
                    "round": "1",
                    "suggestion_visible": seen,
                }
            )
    return pd.DataFrame(rows)


def _kappa(codings: pd.DataFrame) -> float:
    wide = codings.pivot(index="item_id", columns="rater", values="code").dropna()
    return float(cohen_kappa_score(wide["ann"], wide["ben"]))


def test_each_group_is_measured_on_its_own_codings() -> None:
    codings = _codings()
    groups = suggestion_group(codings)
    table, notes = agreement_by_suggestion(
        codings, small_codebook(), dimensions=["defect_type"], n_boot=50
    )
    assert notes[0] == "codings per suggestion group: visible 50, not visible 50, unknown 20"
    kappa = table[(table["coefficient"] == "cohen_kappa") & (table["variant"] == "unweighted")]
    kappa = kappa.set_index("suggestion")
    assert list(kappa.index) == ["visible", "not visible", "unknown"]
    for name in kappa.index:
        expected = _kappa(codings[groups == name])  # pairs only: the mixed items drop out
        assert kappa.loc[name, "estimate"] == pytest.approx(expected)
    assert kappa.loc["visible", "n_items"] == 20 and kappa.loc["unknown", "n_items"] == 10
    assert kappa.loc["not visible", "n_items"] == 20


def test_without_the_flag_column_every_coding_is_unknown() -> None:
    codings = _codings().drop(columns="suggestion_visible")
    table, notes = agreement_by_suggestion(codings, small_codebook(), dimensions=["defect_type"])
    assert set(table["suggestion"]) == {"unknown"}
    assert "suggestion visible: no dimension coded by two or more raters" in notes


def test_the_command_splits_a_studys_agreement(tmp_path: Path) -> None:
    import yaml

    from tests.support.codebooks import CODEBOOK_DATA

    (tmp_path / "codebook.yaml").write_text(yaml.safe_dump(CODEBOOK_DATA))
    manifest = tmp_path / "study.toml"
    manifest.write_text(
        '[study]\nname = "split"\n[coding]\ncodebook = "codebook.yaml"\nraters = ["ann", "ben"]\n'
    )
    codings = _codings()
    study = Study.open(manifest)
    with study.db.begin() as conn:
        items = [{"id": i, "kind": "issue", "meta": {}} for i in sorted(set(codings["item_id"]))]
        insert(conn, schema.items, items)
        rows = codings.assign(coded_at="2026-01-01T00:00:00Z").to_dict("records")
        insert(
            conn,
            schema.codings,
            [r | {"suggestion_visible": r["suggestion_visible"]} for r in rows],
        )
    study.close()
    base = ["agree", "--study", str(manifest), "-d", "defect_type", "--n-boot", "50"]
    result = CliRunner().invoke(app, [*base, "--split-by-suggestion", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    table = pd.DataFrame(json.loads(result.stdout))
    assert list(table.columns[:3]) == ["suggestion", "round", "dimension"]
    assert "visible 50, not visible 50, unknown 20" in result.stderr
    shown = CliRunner().invoke(app, [*base, "--split-by-suggestion"])
    assert shown.exit_code == 0 and "visible" in shown.stdout and "unknown" in shown.stdout
    refused = CliRunner().invoke(app, [*base, "--split-by-suggestion", "--per-code", "-r", "1"])
    assert refused.exit_code == 2
