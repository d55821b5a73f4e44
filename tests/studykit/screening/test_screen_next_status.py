"""`studykit screen next|status`: model order, random share recorded, estimate and advice."""

from pathlib import Path

from typer.testing import CliRunner

from studykit.cli import app
from studykit.db import schema
from studykit.db.engine import insert
from studykit.screening.serving import screening_status, serve_next
from studykit.study import Study
from tests.support.screening_study import STAMP, screening_study

runner = CliRunner()


def decide(study: Study, items: list[str]) -> None:
    """Code each item by its true label (relevant items end in a multiple of 6)."""
    rows = [
        {
            "item_id": item,
            "rater": "alice",
            "dimension": "relevant",
            "code": "yes" if int(item.split("#")[1]) % 6 == 0 else "no",
            "round": "screening",
            "coded_at": STAMP,
        }
        for item in items
    ]
    with study.db.begin() as conn:
        insert(conn, schema.codings, rows)


def test_next_serves_relevant_items_first_and_records_who_picked_them(tmp_path: Path) -> None:
    study = Study.open(screening_study(tmp_path, decided=12, codings=True))
    served = serve_next(study.db, "relevant", count=10, rater="bob", random_share=0.2)
    assert served.by_model
    items = served.items
    assert items["served_by"].tolist() == ["model"] * 8 + ["random"] * 2
    # 18 relevant items remain undecided (120 / 6 = 20, 2 among the first 12): the model's
    # 8 picks are all relevant ones.
    model_picks = items[items["served_by"] == "model"]["item_id"]
    assert all(int(i.split("#")[1]) % 6 == 0 for i in model_picks)
    assert not set(items["item_id"]) & {f"repo{i % 3}/x#{i}" for i in range(12)}
    stored = study.db.read("screening_served")
    assert stored["served_by"].tolist() == items["served_by"].tolist()
    assert set(stored["rater"]) == {"bob"} and set(stored["model"]) == {"lr"}
    study.close()


def test_next_is_random_until_both_kinds_are_decided(tmp_path: Path) -> None:
    study = Study.open(screening_study(tmp_path, decided=0, codings=True))
    served = serve_next(study.db, "relevant", count=5)
    assert not served.by_model
    assert set(served.items["served_by"]) == {"random"}
    study.close()


def test_status_estimates_from_random_items_and_advises(tmp_path: Path) -> None:
    study = Study.open(screening_study(tmp_path, decided=12, codings=True))
    served = serve_next(study.db, "relevant", count=40, random_share=0.25)
    decide(study, served.items["item_id"].tolist())
    state = screening_status(study.db, "relevant", run=5)
    random = served.items[served.items["served_by"] == "random"]
    relevant_random = sum(int(i.split("#")[1]) % 6 == 0 for i in random["item_id"])
    assert (state.served_random, state.remaining.sampled) == (10, 10)
    assert state.remaining.sampled_relevant == relevant_random
    assert state.screened == 52 and state.remaining.unscreened == 68
    assert state.remaining.estimate == relevant_random / 10 * 68
    assert state.found == 2 + sum(int(i.split("#")[1]) % 6 == 0 for i in served.items["item_id"])
    assert "consecutive irrelevant" in state.advice.rule
    study.close()


def test_the_commands_print_table_estimate_and_rule(tmp_path: Path) -> None:
    manifest = screening_study(tmp_path, decided=12, codings=True)
    base = ["-d", "relevant", "--study", str(manifest)]
    result = runner.invoke(app, ["screen", "next", *base, "-n", "5"])
    assert result.exit_code == 0, result.stderr
    assert "served_by" in result.stdout and "model" in result.stdout
    result = runner.invoke(app, ["screen", "status", *base])
    assert result.exit_code == 0, result.stderr
    assert "12 of 120 items screened, 2 relevant" in result.stdout
    assert "no estimate" in result.stdout and "keep screening" in result.stdout
    result = runner.invoke(app, ["screen", "next", *base, "-n", "0"])
    assert result.exit_code == 2 and "-n must be at least 1" in result.stderr
