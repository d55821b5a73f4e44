"""The example notebook runs top to bottom on the example study, so it never rots."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

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
