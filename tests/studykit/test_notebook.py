"""The example notebook runs top to bottom on the example study, so it never rots."""

import ast
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import studykit
from tests.support.example_study import load_example
from tests.support.paths import ROOT

NOTEBOOK = ROOT / "reports" / "notebooks" / "example.ipynb"


def test_example_notebook_executes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'study.sqlite'}"
    load_example(url).close()
    monkeypatch.setenv("STUDYKIT_DB", url)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Cramér's V" in printed and "Newcombe" in printed
    shown = "".join(o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "defect_type" in shown and "discovery_stage" in shown


def test_the_notebook_uses_only_the_public_names_of_studykit() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(
        "\n".join(line for line in cell.source.splitlines() if not line.startswith("%"))
        for cell in notebook.cells
        if cell.cell_type == "code"
    )
    tree = ast.parse(code)
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    from_imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert "studykit" in imported
    assert not [m for m in imported if m.startswith("studykit.")]
    assert not [n.module for n in from_imports if (n.module or "").startswith("studykit")]
    used = {
        n.attr
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute)
        and isinstance(n.value, ast.Name)
        and n.value.id == "studykit"
    }
    assert used >= {"Study", "consensus_labels", "item_fields", "agreement"}
    assert used <= set(studykit.__all__)
