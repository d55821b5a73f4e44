"""Where the repository, the example study and ../shared/datasets are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "example"
SHARED = ROOT.parent / "shared" / "datasets"
