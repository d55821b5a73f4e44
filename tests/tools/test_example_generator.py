"""The example generator (tools/example_study) rewrites data/example byte for byte, and the
library never imports it."""

import ast
from pathlib import Path

import pytest

from tests.support.paths import EXAMPLE, ROOT
from tools.example_study.generate import main

GENERATED = ("archive", "benchmark", "codings", "interviews", "repos", "survey", "truth")
CODEBOOKS = ("codebook.yaml", "codebook-v1.yaml")


def generated_files(folder: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file the generator writes under `folder`."""
    paths = [p for name in GENERATED for p in (folder / name).rglob("*") if p.is_file()]
    paths += [folder / name for name in CODEBOOKS]
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in paths}


def test_generator_rewrites_the_example_data_byte_identically(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(tmp_path)
    written, shipped = generated_files(tmp_path), generated_files(EXAMPLE)
    assert sorted(written) == sorted(shipped)
    assert [name for name in written if written[name] != shipped[name]] == []
    assert "round 2 disagreements adjudicated: 378" in capsys.readouterr().out


@pytest.mark.parametrize("package", ["studykit", "mining", "coding", "analysis"])
def test_library_never_imports_the_generator(package: str) -> None:
    imports = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imports += [(path.name, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                imports.append((path.name, node.module))
    assert [(name, module) for name, module in imports if module.split(".")[0] == "tools"] == []
