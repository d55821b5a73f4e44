"""Imported labels follow the rules sheet imports follow (issue 11, items 8 and 14): a round is a
positive whole number or a name the study declares (`NaN`, `inf`, `0` never), and rater names and
labels are compared and stored in Unicode composed form (NFC), with the cells that changed
counted."""

import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coding.sheets import is_round
from studykit import Study
from studykit.cli import app

runner = CliRunner()
ZOE = "zo\u00eb"
ZOE_DECOMPOSED = unicodedata.normalize("NFD", ZOE)
LABELS = f"id,r1,r2\n1,{ZOE_DECOMPOSED} bug,{ZOE} bug\n2,{ZOE} bug,loading\n"


def study(tmp_path: Path, extra: str = "") -> Path:
    (tmp_path / "labels.csv").write_text(LABELS, encoding="utf-8")
    manifest = tmp_path / "study.toml"
    manifest.write_text(
        f'[study]\nname = "t"\ndatabase = "sqlite:///processed/study.sqlite"\n{extra}',
        encoding="utf-8",
    )
    return manifest


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def labels(manifest: Path, *extra: str) -> tuple[int, str, str]:
    path = manifest.parent / "labels.csv"
    return run("import", "labels", str(path), "--item", "id", "--dimension", "stage",
               "--rater", f"{ZOE_DECOMPOSED}=r1", "--rater", "bob=r2",
               "--study", str(manifest), *extra)  # fmt: skip


def test_a_round_is_a_positive_whole_number_or_a_declared_name() -> None:
    assert is_round("2", set()) and is_round("final", {"final"})
    for name in ("NaN", "nan", "inf", "-inf", "0", "-1", "1.5", "1e3", "01"):
        assert not is_round(name, {name}), name
    assert not is_round("final", set())


@pytest.mark.parametrize("name", ["NaN", "inf", "0", "pilot"])
def test_import_labels_refuses_a_round_that_is_not_one(tmp_path: Path, name: str) -> None:
    manifest = study(tmp_path)
    code, _, err = labels(manifest, "--round", name)
    assert code == 2
    message = " ".join(err.split())
    assert f"--round: '{name}' is not a round" in message, message
    assert len(err.strip().splitlines()) <= 3
    assert Study.open(manifest).table("codings").empty


def test_import_labels_takes_a_round_the_study_declares(tmp_path: Path) -> None:
    manifest = study(tmp_path, '[coding]\nrounds = ["pilot"]\n')
    code, _, err = labels(manifest, "--round", "pilot")
    assert code == 0, err
    assert set(Study.open(manifest).table("codings")["round"]) == {"pilot"}


def test_an_imports_entry_with_round_nan_is_refused_naming_the_entry(tmp_path: Path) -> None:
    entry = (
        '[[imports]]\nwhat = "labels"\nfile = "labels.csv"\nitem = "id"\ndimension = "stage"\n'
        'raters = {{ ann = "r1" }}\nround = "{}"\n'
    )
    manifest = study(tmp_path, entry.format("final") + entry.format("NaN").replace("r1", "r2"))
    code, _, err = run("import", "--study", str(manifest))
    assert code == 2
    message = " ".join(err.split())
    assert "[[imports]] #2: round: 'NaN' is not a round" in message, message
    assert Study.open(manifest).table("codings").empty
    manifest.write_text(manifest.read_text().replace('"NaN"', '"2"'))
    code, _, err = run("import", "--study", str(manifest))
    assert code == 0, err
    assert sorted(set(Study.open(manifest).table("codings")["round"])) == ["2", "final"]


def test_rater_names_and_labels_are_stored_composed_and_counted(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    code, out, err = labels(manifest)
    assert code == 0, err
    codings = Study.open(manifest).table("codings")
    assert set(codings["rater"]) == {ZOE, "bob"}
    assert set(codings["code"]) == {f"{ZOE} bug", "loading"}
    assert len(codings) == 4
    text = " ".join(out.split())
    assert (
        "1 cell(s) and 1 name(s) written in decomposed Unicode were read in composed form (NFC)"
        in text
    ), text
    assert "merged" not in text


@pytest.mark.parametrize("sensitive", [(), ("--case-sensitive",)])
def test_a_mapping_written_decomposed_maps_composed_labels(
    tmp_path: Path, sensitive: tuple[str, ...]
) -> None:
    manifest = study(tmp_path)
    mapping = tmp_path / "map.csv"
    mapping.write_text(f"raw,code\n{ZOE_DECOMPOSED} bug,zoe\nloading,load\n", encoding="utf-8")
    code, _, err = labels(manifest, "--map", str(mapping), *sensitive)
    assert code == 0, err
    assert sorted(Study.open(manifest).table("codings")["code"]) == ["load", "zoe", "zoe", "zoe"]


def test_a_round_typed_decomposed_is_the_declared_round(tmp_path: Path) -> None:
    manifest = study(tmp_path, f'[coding]\nrounds = ["{ZOE}"]\n')
    for _ in range(2):
        code, out, err = labels(manifest, "--round", ZOE_DECOMPOSED)
        assert code == 0, err
    assert set(Study.open(manifest).table("codings")["round"]) == {ZOE}
    assert "0 row(s) added, 0 changed, 0 removed since the import" in " ".join(out.split())
