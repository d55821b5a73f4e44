"""The notebook API of `studykit`: agreement is what `studykit agree` prints, the reads match
the tables, and arguments of the wrong kind are refused naming the parameter."""

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import studykit
from studykit.cli import app
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[studykit.Study, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'study.sqlite'}"
    study = load_example(url)
    yield study, url
    study.close()


def test_agreement_is_the_table_studykit_agree_writes(example: tuple[studykit.Study, str]) -> None:
    study, url = example
    table = studykit.agreement(study, rounds="2", dimensions=["defect_type", "symptom"], n_boot=50)
    args = ["agree", "--study", str(EXAMPLE / "study.toml"), "--db", url, "--round", "2"]
    args += ["-d", "defect_type", "-d", "symptom", "--n-boot", "50", "--format", "csv", "--full"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    printed = pd.read_csv(StringIO(result.stdout), dtype={"round": str})
    assert sorted(table["dimension"].unique()) == ["defect_type", "symptom"]
    assert len(printed) == len(table)
    columns = ["round", "dimension", "coefficient", "variant", "n_items"]
    pd.testing.assert_frame_equal(
        printed[columns].astype(str), table[columns].astype(str), check_dtype=False
    )
    assert printed["estimate"].to_numpy() == pytest.approx(table["estimate"].astype(float))
    assert isinstance(table.attrs["warnings"], list)


def test_reads_return_the_stored_rows(example: tuple[studykit.Study, str]) -> None:
    study, _ = example
    codings = studykit.codings(study)
    assert len(codings) == len(study.table("codings"))
    assert set(studykit.codings(study, rounds="1")["round"]) == {"1"}
    labels = studykit.consensus_labels(study)
    assert list(labels.columns) == ["item_id", "dimension", "code"]
    assert len(labels) == len(studykit.consensus(study))
    fields = studykit.item_fields(study)
    assert set(labels["item_id"]) <= set(fields["item_id"])
    assert set(studykit.items(study, sample="main")["id"]) <= set(fields["item_id"])
    assert studykit.codebook(study).names()[0] == "defect_type"


def test_wrong_arguments_are_refused_naming_the_parameter(
    example: tuple[studykit.Study, str], tmp_path: Path
) -> None:
    study, _ = example
    with pytest.raises(TypeError, match="expected a Study"):
        studykit.agreement("study.toml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n_boot must be a non-negative integer"):
        studykit.agreement(study, n_boot=-1)
    with pytest.raises(TypeError, match="rounds must be a str or a non-empty list"):
        studykit.agreement(study, rounds=[2])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="codebook must be a Codebook"):
        studykit.agreement(study, codebook=tmp_path)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="kind must be a str"):
        studykit.codebook(study, kind=1)  # type: ignore[arg-type]
