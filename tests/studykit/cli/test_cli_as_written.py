"""Text prints as written: help, messages and table cells keep their [brackets]; help names
value types TEXT, PATH, [a|b] (no `<str>`); `studykit init` fills in only the study's fields."""

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from studykit.cli import app
from studykit.manifest import load_manifest

runner = CliRunner()
WIDE = {"COLUMNS": "220"}
ANGLE_METAVAR = re.compile(r"(?<!\?P)<[A-Za-z][^<>\s]*>")  # not a named group (?P<name>
BRACKETED = re.compile(r"\[[^\]\s]+\]")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def one_line(text: str) -> str:
    """Help text with the panel borders and line breaks taken out."""
    return " ".join(text.replace("│", " ").split())


def command_paths(command: typer.core.TyperGroup, prefix: tuple[str, ...] = ()) -> Iterator:
    """Every command and group of the tree, as (argument path, click command)."""
    yield prefix, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from command_paths(sub, (*prefix, name))


def written_texts(command: object) -> list[str]:
    """The help texts of a command and its parameters as the source wrote them."""
    texts = [getattr(command, "help", None) or ""]
    texts += [getattr(p, "help", None) or "" for p in getattr(command, "params", [])]
    return [text.replace("\\[", "[") for text in texts]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["import", "transcripts"], "Replace flagged personal data by [name], [e-mail], [url],"),
        (["import", "survey"], "mapped by [survey] in the manifest"),
        (["import", "survey"], "(default: [survey] responses)"),
        (["import"], "the manifest's [[imports]] and [survey])"),
        (["check"], "Recompute the [[checks]] numbers"),
    ],
)
def test_help_keeps_bracketed_text(command: list[str], expected: str) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert expected in one_line(out)


def test_every_help_has_conventional_metavars_and_all_its_brackets() -> None:
    tree = list(command_paths(typer.main.get_command(app)))
    assert len(tree) > 30
    for path, command in tree:
        code, out, err = run(*path, "--help")
        assert code == 0, (path, err)
        assert not ANGLE_METAVAR.findall(out), (path, ANGLE_METAVAR.findall(out))
        shown = one_line(out)
        for text in written_texts(command):
            for token in BRACKETED.findall(text):
                assert token in shown, (path, token)


def test_help_names_value_types_conventionally() -> None:
    code, out, _ = run("export", "--help")
    assert code == 0
    shown = one_line(out)
    assert "export [OPTIONS] TABLE" in shown
    assert "table TEXT" in shown
    assert "-f [csv|parquet|jsonl]" in shown
    assert "-o PATH" in shown
    code, out, _ = run("import", "transcripts", "--help")
    shown = one_line(out)
    assert "[FILES]..." in shown and "files... PATH" in shown
    assert "--redact --no-redact Replace" in shown
    assert "--help Show this message" in shown


def test_messages_and_table_cells_print_as_written(tmp_path: Path) -> None:
    code, out, err = run("init", str(tmp_path / "[draft] study"), "--name", "[x] study")
    assert code == 0, err
    assert "[draft] study" in one_line(out)
    assert "edit [github] repositories" in one_line(out)
    old = tmp_path / "[draft] study" / "codebook.yaml"
    data = yaml.safe_load(old.read_text())
    data["name"] = "[v2] taxonomy"
    data["dimensions"][0]["codes"][0]["label"] = "Environment [bold]deprecated[/bold]"
    new = tmp_path / "[v2] codebook.yaml"
    new.write_text(yaml.safe_dump(data))
    code, out, err = run("codebook", "check", str(new))
    assert code == 0, err
    assert f"{new}: '[v2] taxonomy'" in one_line(out)
    code, out, err = run("codebook", "diff", str(old), str(new))
    assert code == 0, err
    assert "Environment [bold]deprecated[/bold]" in one_line(out)
    code, _, err = run("db", "info", "--study", str(tmp_path / "[none]" / "study.toml"))
    assert code == 2
    assert f"studykit: error: {tmp_path / '[none]' / 'study.toml'}: no such" in one_line(err)


def test_init_fills_in_only_the_study_fields(tmp_path: Path) -> None:
    name = 'Faults {owner} {name} {date} $today "quoted" back\\slash [github]'
    code, _, err = run("init", str(tmp_path / "s"), "--name", name)
    assert code == 0, err
    text = (tmp_path / "s" / "study.toml").read_text()
    assert "# also {owner}, {name}\n" in text
    assert 'clone_url = "https://github.com/{repository}.git"' in text
    assert tomllib.loads(text)["study"]["name"] == name
    assert load_manifest(tmp_path / "s" / "study.toml").study.name == name
    codebook = yaml.safe_load((tmp_path / "s" / "codebook.yaml").read_text())
    assert codebook["name"] == name
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", codebook["changelog"][0]["date"])


def test_help_paragraphs_are_reflowed_and_lists_kept() -> None:
    from studykit.cli.help_format import reflowed

    text = "Title line.\n\nOne paragraph\nwritten over\nthree lines.\n\n- a list\n- kept"
    assert (
        reflowed(text)
        == "Title line.\n\nOne paragraph written over three lines.\n\n- a list\n- kept"
    )
    code, out, _ = run("check", "--help")
    assert code == 0
    assert "write dimension:NAME or field:NAME" in out.replace("│", "")
