"""Result tables written as CSV (-f csv, -o FILE.csv) neutralise cells that look like formulas."""

from pathlib import Path

import pandas as pd

from studykit.cli.output import emit, render


def test_csv_results_neutralise_formula_cells(tmp_path: Path) -> None:
    frame = pd.DataFrame({"code": ['=HYPERLINK("http://x")', "plain"], "estimate": [-0.5, 0.25]})
    text = render(frame, "csv")
    assert text == 'code,estimate\n"\'=HYPERLINK(""http://x"")",-0.5\nplain,0.25\n'
    emit(frame, "table", tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text() == text
