"""Save a figure as PNG, PDF and SVG that are byte-identical on every run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from matplotlib.figure import Figure

from analysis.figures.style import paper_style

FORMATS = ("png", "pdf", "svg")

# Nothing that changes between runs or library versions: no dates, no software versions.
FIXED_METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": None, "Date": None},
}


def save_figure(
    fig: Figure,
    path_without_ext: str | Path,
    *,
    formats: Sequence[str] = FORMATS,
    dpi: int = 300,
) -> list[Path]:
    """Write `fig` as path_without_ext.<format> for each format, reproducibly; return the paths.

    Saving runs in `paper_style` (fixed svg.hashsalt, embedded TrueType fonts) with fixed
    dpi and metadata stripped of dates and versions, so repeated saves are byte-identical.
    """
    unknown = [fmt for fmt in formats if fmt not in FIXED_METADATA]
    if unknown:
        raise ValueError(f"unsupported formats {unknown}; choose from {list(FORMATS)}")
    base = Path(path_without_ext)
    base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    with paper_style():
        for fmt in formats:
            target = base.with_name(f"{base.name}.{fmt}")
            fig.savefig(target, format=fmt, dpi=dpi, metadata=FIXED_METADATA[fmt])
            written.append(target)
    return written
