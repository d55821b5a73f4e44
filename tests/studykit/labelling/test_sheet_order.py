"""`sheets export --order model`: the next unscreened items in the order `screen next` serves
them, each recorded in screening_served (model or random), and only the sample's items."""

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from analysis.screening.active import rank_unscreened
from analysis.screening.features import text_features
from studykit.cli import app
from studykit.screening.texts import item_texts
from studykit.study import Study
from tests.support.screening_study import DECIDED, sampled_screening_study, screening_texts

runner = CliRunner()


def _export(manifest: Path, folder: Path, *more: str) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["sheets", "export", "--rater", "alice", "--round", "2", "-f", "csv", "-o", str(folder),
         "--study", str(manifest), *more],
    )  # fmt: skip
    return result.exit_code, result.stderr


def test_a_sheet_in_the_models_order_records_what_it_served(tmp_path: Path) -> None:
    manifest = sampled_screening_study(tmp_path)
    code, err = _export(manifest, tmp_path / "s", "--order", "model", "-d", "relevant", "-n", "20")
    assert code == 0, err
    sheet = pd.read_csv(tmp_path / "s" / "round-2" / "alice.csv", dtype=str)
    study = Study.open(manifest)
    served = study.db.read("screening_served").sort_values("rank")
    assert sheet["item_id"].tolist() == served["item_id"].tolist()
    assert served["served_by"].tolist() == ["model"] * 18 + ["random"] * 2
    assert set(served["rater"]) == {"alice"} and set(served["dimension"]) == {"relevant"}
    sampled = [i for i, _, _ in screening_texts()[:110]]
    decided = sampled[:DECIDED]
    assert set(sheet["item_id"]) <= set(sampled) - set(decided)
    # the model's part is the independent ranking of the sample's undecided items
    texts = item_texts(study.db).set_index("item_id").loc[sampled]
    labels = [1 if r else 0 for _, _, r in screening_texts()[:DECIDED]]
    ranking = rank_unscreened(text_features(texts["text"].tolist()), range(DECIDED), labels)
    expected = [sampled[i] for i in ranking.order[:18]]
    assert sheet["item_id"].tolist()[:18] == expected
    assert "suggestion" not in " ".join(sheet.columns) and "score" not in sheet.columns
    study.close()


def test_order_model_needs_a_dimension(tmp_path: Path) -> None:
    manifest = sampled_screening_study(tmp_path)
    code, err = _export(manifest, tmp_path / "s", "--order", "model")
    assert code == 2 and "--order model and --dimension D go together" in err


def test_the_workspace_queue_in_the_models_order_is_recorded(tmp_path: Path) -> None:
    from studykit.labelling.sheet_order import ModelOrder
    from studykit.workspace.serve import prepare

    study = Study.open(sampled_screening_study(tmp_path))
    served = prepare(study, round="2", order=ModelOrder("relevant", 10))
    recorded = study.db.read("screening_served").sort_values("rank")
    assert served.round.items == recorded["item_id"].tolist()
    assert recorded["served_by"].tolist() == ["model"] * 9 + ["random"]
    assert recorded["rater"].isna().all()  # one queue for every rater
    study.close()
