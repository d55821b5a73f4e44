"""User CSV files (participants, roster, survey export) are read one way: text cells, and one
line naming the file when it cannot be read."""

from pathlib import Path

import pytest

from coding.errors import CodingInputError
from studykit.errors import InputError
from studykit.user_csv import read_user_csv


def test_cells_stay_text_and_names_are_stripped(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("\ufeffparticipant_id , role\nP01,NA\nP02,007\n".encode())
    frame = read_user_csv(path, "participants file")
    assert list(frame.columns) == ["participant_id", "role"]
    assert frame["role"].tolist() == ["NA", "007"]


def test_missing_unreadable_and_oversized_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.csv: no such survey export"):
        read_user_csv(tmp_path / "nope.csv", "survey export")
    broken = tmp_path / "broken.csv"
    broken.write_text('a,b\n"1,2\n')
    with pytest.raises(CodingInputError, match=r"broken\.csv: row 2: .*never closed"):
        read_user_csv(broken, "roster")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("a,b\nJos\xe9,1\n".encode("latin-1"))
    with pytest.raises((InputError, CodingInputError), match=r"latin\.csv"):
        read_user_csv(latin, "roster")
