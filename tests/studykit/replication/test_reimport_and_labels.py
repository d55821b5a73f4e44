"""Issue 11 items 3, 4, 6 and 17: case merges reported, unmapped labels refused, a re-import
replaces what the same file stored, `studykit import` runs the manifest, --set."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app
from tests.support.paths import EXAMPLE

runner = CliRunner()
CODEBOOK = """name: t
dimensions:
  - name: symptom
    codes: [{code: crash, label: Crash}, {code: hang, label: Hang}]
"""
LABELS = "id,r1,r2\n1,processing,Processing\n2,loading,loading\n3,Processing,saving\n"
DEFECTS = "id,symptom\n1,Crash\n2,Hang\n3,crash\nnote: row 3 was checked twice,\n"
IMPORTS = """
[[imports]]
what = "items"
file = "defects.csv"
item = "id"
footer = {footer}

[[imports]]
what = "labels"
file = "defects.csv"
item = "id"
footer = {footer}
round = "final"
dimensions = {{ symptom = "symptom" }}
"""


def study(tmp_path: Path, extra: str = "", codebook: bool = True) -> Path:
    (tmp_path / "codebook.yaml").write_text(CODEBOOK)
    (tmp_path / "labels.csv").write_text(LABELS)
    (tmp_path / "defects.csv").write_text(DEFECTS)
    manifest = tmp_path / "study.toml"
    coding = '[coding]\ncodebook = "codebook.yaml"\n' if codebook else ""
    manifest.write_text(
        f'[study]\nname = "t"\ndatabase = "sqlite:///processed/study.sqlite"\n{coding}{extra}'
    )
    return manifest


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def labels(manifest: Path, *extra: str) -> tuple[int, str, str]:
    path = manifest.parent / "labels.csv"
    return run("import", "labels", str(path), "--item", "id", "--dimension", "stage",
               "--rater", "ann=r1", "--rater", "bob=r2",
               "--study", str(manifest), *extra)  # fmt: skip


# --- item 3: labels that differ only in case ---


def test_every_case_merge_is_reported_with_its_cells(tmp_path: Path) -> None:
    manifest = study(tmp_path, codebook=False)
    code, out, err = labels(manifest)
    assert code == 0, err
    assert (
        "merged stage labels that differ only in case or spacing into 'processing': "
        "'Processing' (2 cell(s)), 'processing' (1 cell(s))"
    ) in out
    codings = Study.open(manifest).table("codings")
    assert sorted(set(codings["code"])) == ["loading", "processing", "saving"]
    (record,) = Study.open(manifest).table("imports").to_dict("records")
    assert record["options"]["case_sensitive"] is False
    assert record["counts"]["merged"] == [
        ["stage", "processing", {"Processing": 2, "processing": 1}]
    ]


def test_case_sensitive_keeps_them_apart_and_is_recorded(tmp_path: Path) -> None:
    manifest = study(tmp_path, codebook=False)
    code, out, err = labels(manifest, "--case-sensitive")
    assert code == 0, err
    assert "merged" not in out and "case- and spacing-sensitively" in out
    codings = Study.open(manifest).table("codings")
    assert sorted(set(codings["code"])) == ["Processing", "loading", "processing", "saving"]
    assert Study.open(manifest).table("imports")["options"][0]["case_sensitive"] is True


def test_case_sensitive_in_the_manifest(tmp_path: Path) -> None:
    entry = (
        '[[imports]]\nwhat = "labels"\nfile = "labels.csv"\nitem = "id"\ndimension = "stage"\n'
        'raters = { ann = "r1", bob = "r2" }\ncase_sensitive = true\n'
    )
    manifest = study(tmp_path, entry, codebook=False)
    code, _, err = run("import", "--study", str(manifest))
    assert code == 0, err
    assert "Processing" in set(Study.open(manifest).table("codings")["code"])


# --- item 4: unmapped labels ---


def test_labels_the_codebook_does_not_know_are_refused_with_the_list(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    path = tmp_path / "sheet.csv"
    path.write_text("id,r1\n1,Crash\n2,Hnag\n3,hnag\n4,Freeze\n")
    code, _, err = run("import", "labels", str(path), "--item", "id", "--dimension", "symptom",
                       "--rater", "ann=r1", "--study", str(manifest))  # fmt: skip
    assert code == 2
    message = " ".join(err.split())
    assert "2 label(s) that the codebook does not know" in message
    assert "symptom 'hnag' (2 cell(s), first row 3)" in message
    assert "symptom 'freeze' (1 cell(s), first row 5)" in message
    assert "raw,code" in message and "--keep-unmapped" in message
    assert Study.open(manifest).table("codings").empty


def test_a_refusal_names_the_mapping_file_given(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    (tmp_path / "map.csv").write_text("raw,code\nFreeze,hang\n")
    path = tmp_path / "sheet.csv"
    path.write_text("id,r1\n1,Freeze\n2,Hnag\n")
    code, _, err = run("import", "labels", str(path), "--item", "id", "--dimension", "symptom",
                       "--rater", "ann=r1", "--map", str(tmp_path / "map.csv"),
                       "--study", str(manifest))  # fmt: skip
    assert code == 2
    assert "map.csv nor the codebook knows: symptom 'hnag'" in " ".join(err.split())


def test_keep_unmapped_stores_them_as_written(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    path = tmp_path / "sheet.csv"
    path.write_text("id,r1\n1,Crash\n2,Hnag\n")
    code, out, err = run("import", "labels", str(path), "--item", "id", "--dimension", "symptom",
                         "--rater", "ann=r1", "--keep-unmapped",
                         "--study", str(manifest))  # fmt: skip
    assert code == 0, err
    assert "unmapped symptom label 'hnag' on 1 row(s) (first: row 3): kept as written" in out
    assert sorted(Study.open(manifest).table("codings")["code"]) == ["crash", "hnag"]


def test_a_dimension_outside_the_codebook_is_imported_with_a_warning(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    code, _, err = labels(manifest)
    assert code == 0, err
    assert "dimension(s) stage are not in the study's codebook" in " ".join(err.split())


# --- item 6: a corrected re-import replaces what the same file stored ---


def test_a_corrected_reimport_removes_the_stale_rows(tmp_path: Path) -> None:
    manifest = study(tmp_path, IMPORTS.format(footer=0))
    code, out, err = run("import", "--study", str(manifest))
    assert code == 0, err
    items = Study.open(manifest).table("items")
    assert "note: row 3 was checked twice" in set(items["id"])
    manifest.write_text(manifest.read_text().replace("footer = 0", "footer = 1"))
    code, out, err = run("import", "--study", str(manifest))
    assert code == 0, err
    opened = Study.open(manifest)
    assert sorted(opened.table("items")["id"]) == ["1", "2", "3"]
    assert sorted(opened.table("consensus")["item_id"]) == ["1", "2", "3"]
    assert "0 row(s) added, 0 changed, 1 removed since the import of this file" in out


def test_a_reimport_counts_changed_and_added_rows(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    path = tmp_path / "sheet.csv"
    path.write_text("id,r1,r2\n1,Crash,Crash\n2,Hang,Crash\n")
    args = ("import", "labels", str(path), "--item", "id", "--dimension", "symptom",
            "--rater", "ann=r1", "--rater", "bob=r2", "--study", str(manifest))  # fmt: skip
    code, out, err = run(*args)
    assert code == 0, err
    assert "2 row(s) added, 0 changed, 0 removed (first import of this file)" in out
    path.write_text("id,r1,r2\n1,Crash,Crash\n2,Hang,Hang\n4,Hang,Hang\n")
    code, out, err = run(*args)
    assert code == 0, err
    assert "1 row(s) added, 1 changed, 0 removed since the import of this file" in out
    codings = Study.open(manifest).table("codings")
    assert len(codings) == 6 and set(codings[codings["item_id"] == "2"]["code"]) == {"hang"}


def test_a_reimport_into_another_round_keeps_the_first(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    path = tmp_path / "sheet.csv"
    path.write_text("id,r1\n1,Crash\n")
    base = ("import", "labels", str(path), "--item", "id", "--dimension", "symptom",
            "--rater", "ann=r1", "--study", str(manifest))  # fmt: skip
    assert run(*base, "--round", "1")[0] == 0
    assert run(*base, "--round", "2")[0] == 0
    assert sorted(Study.open(manifest).table("codings")["round"]) == ["1", "2"]


def test_two_entries_that_would_replace_each_other_are_refused(tmp_path: Path) -> None:
    entry = (
        '[[imports]]\nwhat = "labels"\nfile = "labels.csv"\nitem = "id"\ndimension = "stage"\n'
        'raters = {{ {} = "r{}" }}\n'
    )
    manifest = study(tmp_path, entry.format("ann", 1) + entry.format("bob", 2), codebook=False)
    code, _, err = run("import", "--study", str(manifest))
    assert code == 2
    assert "[[imports]] #1 and #2 both import" in err and "make them one entry" in " ".join(
        err.split()
    )
    assert Study.open(manifest).table("codings").empty


# --- item 17: `studykit import` runs the manifest; [survey]; --set ---


def test_import_without_a_command_runs_the_manifest_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    study(tmp_path, IMPORTS.format(footer=1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STUDYKIT_STUDY", raising=False)
    code, out, err = run("import")
    assert code == 0, err
    assert "3 items" in out
    assert sorted(Study.open(tmp_path / "study.toml").table("items")["id"]) == ["1", "2", "3"]


def test_import_without_a_command_follows_studykit_study(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = study(tmp_path, IMPORTS.format(footer=1))
    monkeypatch.setenv("STUDYKIT_STUDY", str(manifest))
    code, _, err = run("import")
    assert code == 0, err
    assert len(Study.open(manifest).table("items")) == 3


def test_import_imports_the_survey_too(tmp_path: Path) -> None:
    (tmp_path / "survey").mkdir()
    responses = (EXAMPLE / "survey" / "responses.csv").read_bytes()
    (tmp_path / "survey" / "responses.csv").write_bytes(responses)
    extra = (
        IMPORTS.format(footer=1) + '[survey]\nresponses = "survey/responses.csv"\n'
        'groups = ["What is your current role?"]\n'
    )
    manifest = study(tmp_path, extra)
    code, out, err = run("import", "--study", str(manifest))
    assert code == 0, err
    assert "survey: " in out and "respondents" in out
    opened = Study.open(manifest)
    assert not opened.table("survey_responses").empty and len(opened.table("consensus")) == 3


def test_set_gives_every_item_of_a_file_a_field(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    code, out, err = run("import", "items", str(tmp_path / "defects.csv"), "--item", "id",
                         "--footer", "1", "--set", "library=Keras",
                         "--study", str(manifest))  # fmt: skip
    assert code == 0, err
    assert "every item: library = 'Keras'" in out
    items = Study.open(manifest).table("items")
    assert [m["library"] for m in items["meta"]] == ["Keras"] * 3


def test_set_in_the_manifest(tmp_path: Path) -> None:
    entry = IMPORTS.format(footer=1).replace(
        'item = "id"\nfooter = 1\n\n', 'item = "id"\nfooter = 1\nset = { library = "Keras" }\n\n', 1
    )
    manifest = study(tmp_path, entry)
    code, _, err = run("import", "--study", str(manifest))
    assert code == 0, err
    assert {m["library"] for m in Study.open(manifest).table("items")["meta"]} == {"Keras"}


def test_set_refuses_a_field_a_column_also_gives(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    code, _, err = run("import", "items", str(tmp_path / "defects.csv"), "--item", "id",
                       "--set", "symptom=x", "--study", str(manifest))  # fmt: skip
    assert code == 2
    assert "--set symptom=... and column 'symptom' (B) both give" in " ".join(err.split())


def test_import_without_a_command_or_a_manifest_shows_the_help(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STUDYKIT_STUDY", raising=False)
    code, out, _ = run("import")
    assert code == 2 and "Usage:" in out and "labels" in out
