"""`studykit suggest` and `suggest evaluate` on a study: files, quality, agreement, refusals."""

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import coding
from studykit.cli import app
from studykit.screening.suggestions import evaluate_suggestions
from studykit.study import Study
from tests.support.screening_study import coded_study, screening_study

runner = CliRunner()


def test_suggest_writes_top_three_per_uncoded_item_and_stores_no_coding(tmp_path: Path) -> None:
    manifest = coded_study(tmp_path)
    csv = tmp_path / "suggestions.csv"
    result = runner.invoke(
        app, ["suggest", "-d", "fault", "--study", str(manifest), "-o", str(csv)]
    )
    assert result.exit_code == 0, result.stderr
    assert "trained on 90 consensus labels; 30 uncoded items" in result.stdout
    table = pd.read_csv(csv)
    assert len(table) == 90 and set(table["rank"]) == {1, 2, 3}
    assert table.groupby("item_id")["probability"].sum().le(1.0 + 1e-9).all()
    study = Study.open(manifest)
    assert len(study.db.read("codings")) == 180
    # Items 90..119 follow the code pattern i % 3: the first suggestion is mostly right.
    first = table[table["rank"] == 1].copy()
    number = first["item_id"].str.split("#").str[1].astype(int)
    right = (first["code"] == [["api", "shape", "gpu"][i % 3] for i in number]).mean()
    assert right > 0.8
    study.close()


def test_evaluate_agreement_is_codings_own_coefficients_on_the_models_labels(
    tmp_path: Path,
) -> None:
    study = Study.open(coded_study(tmp_path))
    quality = evaluate_suggestions(study.db, "fault", model="nb")
    pred = quality.evaluation.predictions
    assert quality.evaluation.groups == 4 and len(pred) == 90
    ratings = pd.concat(
        [
            pd.DataFrame({"item": pred["item_id"], "rater": "c", "value": pred["code"]}),
            pd.DataFrame({"item": pred["item_id"], "rater": "m", "value": pred["predicted"]}),
        ]
    )
    kappa = coding.cohen_kappa(ratings, confidence=None).estimate
    table = quality.agreement.set_index(["who", "coefficient"])
    assert table.loc[("model vs consensus (out of fold)", "cohen_kappa"), "estimate"] == (
        pytest.approx(kappa)
    )
    assert ("2 raters, round 1", "krippendorff_alpha") in table.index
    summary = quality.evaluation.summary.set_index("method")
    assert summary.loc["nb (calibrated)", "accuracy"] > summary.loc["majority class", "accuracy"]
    study.close()


def test_evaluate_prints_the_tables_and_refuses_one_line(tmp_path: Path) -> None:
    manifest = coded_study(tmp_path)
    base = ["suggest", "evaluate", "-d", "fault", "--study", str(manifest), "--model", "nb"]
    result = runner.invoke(app, base)
    assert result.exit_code == 0, result.stderr
    for text in (
        "leave one repository out (4 groups)",
        "majority class",
        "top3_accuracy",
        "learning curve",
        "model vs",
    ):
        assert text in result.stdout
    result = runner.invoke(app, [*base, "--group", "nothing"])
    assert result.exit_code == 2 and "--group 'nothing'" in result.stderr
    other = screening_study(tmp_path)
    result = runner.invoke(app, ["suggest", "-d", "fault", "--study", str(other)])
    assert result.exit_code == 2 and "no consensus labels in dimension 'fault'" in result.stderr
