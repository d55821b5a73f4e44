"""The lazily exported names of the stage packages and of studykit resolve to their objects,
never to modules; studykit exports what a notebook needs and the README documents it."""

import importlib
import pkgutil
import subprocess
import sys
from types import ModuleType

import pytest

import analysis
import analysis.figures
import coding
import studykit
from tests.support.paths import ROOT


@pytest.mark.parametrize("package", [analysis, analysis.figures, coding, studykit])
def test_every_export_is_an_object_even_after_importing_all_submodules(
    package: ModuleType,
) -> None:
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        importlib.import_module(info.name)
    for name in package.__all__:
        value = getattr(package, name)
        assert not isinstance(value, ModuleType), name


def test_studykit_exports_what_a_notebook_needs_and_the_readme_documents_them() -> None:
    needed = {"Study", "codings", "consensus", "consensus_labels", "items", "item_fields"}
    assert needed | {"agreement", "codebook"} <= set(studykit.__all__)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The Python API", 1)[1].split("\n## ", 1)[0]
    for name in studykit.__all__:
        if name != "__version__":
            assert f"studykit.{name}" in section or f"`{name}" in section, name


def test_importing_studykit_imports_none_of_its_modules() -> None:
    code = (
        "import sys, studykit; print(sorted(m for m in sys.modules if m.startswith('studykit.')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"
