"""The example study runs through the coding loop and loads identically on SQLite and PostgreSQL."""

from pathlib import Path

import pytest

from studykit.db import schema
from studykit.db.export import export_to_path
from studykit.labelling.agreement import study_agreement
from studykit.labelling.codebooks import study_codebook
from studykit.study import Study
from tests.support.example_study import load_example


@pytest.fixture(scope="module")
def sqlite_example(tmp_path_factory: pytest.TempPathFactory) -> Study:
    return load_example(f"sqlite:///{tmp_path_factory.mktemp('ex') / 'study.sqlite'}")


def test_example_has_what_later_features_need(sqlite_example: Study) -> None:
    counts = sqlite_example.db.counts()
    assert counts["repositories"] == 5
    assert 250 <= counts["items"] <= 350
    assert counts["issues"] > counts["items"]
    consensus = sqlite_example.table("consensus")
    assert set(consensus["dimension"]) == set(study_codebook(sqlite_example).names())
    assert set(consensus["method"]) == {"agreed", "adjudicated"}


def test_example_agreement_is_realistic_and_rises_after_revision(sqlite_example: Study) -> None:
    table, _ = study_agreement(
        sqlite_example.table("codings"), study_codebook(sqlite_example), n_boot=50
    )
    kappa = table[(table["coefficient"] == "cohen_kappa") & (table["variant"] == "unweighted")]
    by_round = kappa.pivot(index="dimension", columns="round", values="estimate")
    assert by_round["2"].between(0.6, 0.8).all(), by_round
    assert (by_round["2"] > by_round["1"]).all(), by_round


@pytest.mark.postgres
def test_sqlite_and_postgres_export_identical_csvs(
    sqlite_example: Study, postgres_url: str, tmp_path: Path
) -> None:
    on_postgres = load_example(postgres_url)
    for table in schema.DATA_TABLES:
        a, b = tmp_path / f"sqlite-{table.name}.csv", tmp_path / f"pg-{table.name}.csv"
        export_to_path(sqlite_example.db, table.name, "csv", a)
        export_to_path(on_postgres.db, table.name, "csv", b)
        assert a.read_bytes() == b.read_bytes(), table.name
    on_postgres.close()
