"""The manifest parses into typed settings, and every kind of mistake is named precisely."""

from pathlib import Path

import pytest

from studykit.errors import ManifestError
from studykit.manifest import Manifest, load_manifest
from tests.support.paths import EXAMPLE


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "study.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_manifest_loads_typed() -> None:
    manifest = load_manifest(EXAMPLE / "study.toml")
    assert isinstance(manifest, Manifest)
    assert manifest.sampling.seed == 2024
    assert manifest.filter.labels == ["bug"]
    assert manifest.coding.raters == ["alice", "bob"]
    assert manifest.resolve("codebook.yaml") == (EXAMPLE / "codebook.yaml").resolve()


def test_misspelt_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, '[study]\nname = "x"\n[sampling]\nsead = 3\n')
    with pytest.raises(ManifestError) as info:
        load_manifest(path)
    message = str(info.value)
    assert str(path) in message
    assert "[sampling] sead: unknown key (did you mean 'seed'?)" in message


def test_misspelt_section_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, '[study]\nname = "x"\n[samplng]\nseed = 3\n')
    with pytest.raises(ManifestError, match=r"\[samplng\].*unknown section.*'sampling'"):
        load_manifest(path)


def test_wrong_type_names_key_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, '[study]\nname = "x"\n[sampling]\nseed = "three"\n')
    with pytest.raises(ManifestError, match=r"\[sampling\] seed: .*integer.*'three'"):
        load_manifest(path)


def test_bad_repository_name(tmp_path: Path) -> None:
    path = write(tmp_path, '[study]\nname = "x"\n[github]\nrepositories = ["justaname"]\n')
    with pytest.raises(ManifestError, match=r"\[github\] repositories.*'justaname'.*OWNER/REPO"):
        load_manifest(path)


def test_missing_required_key(tmp_path: Path) -> None:
    path = write(tmp_path, '[study]\ndescription = "no name"\n')
    with pytest.raises(ManifestError, match=r"\[study\] name: required key is missing"):
        load_manifest(path)


def test_missing_referenced_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[study]\nname = "x"\n[coding]\ncodebook = "nowhere.yaml"\n')
    with pytest.raises(ManifestError, match=r"\[coding\] codebook = 'nowhere.yaml': no such file"):
        load_manifest(path)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="no such study manifest"):
        load_manifest(tmp_path / "study.toml")


def test_toml_syntax_error_names_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[study\nname = "x"\n')
    with pytest.raises(ManifestError, match=r"study.toml: not valid TOML"):
        load_manifest(path)


def test_report_output_kind_is_checked(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[study]\nname = "x"\n[[report.figures]]\nname = "a"\nkind = "piechart"\n',
    )
    with pytest.raises(ManifestError, match=r"\[report\] figures.0.kind"):
        load_manifest(path)
