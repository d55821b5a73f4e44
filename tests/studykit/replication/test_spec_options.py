"""The ImportSpec fields handed to the stage readers by name are parameters of those readers."""

import inspect

from coding.item_import import table_items
from coding.tables import read_table
from studykit.replication.specs import ITEM_OPTIONS, READ_OPTIONS, ImportSpec


def test_option_names_are_fields_and_parameters() -> None:
    for names, function in ((READ_OPTIONS, read_table), (ITEM_OPTIONS, table_items)):
        parameters = inspect.signature(function).parameters
        assert set(names) <= set(parameters) & set(ImportSpec.model_fields)


def test_options_carry_the_values_of_the_entry() -> None:
    spec = ImportSpec.model_validate(
        {"what": "items", "file": "a.csv", "sheet": 3, "skip": 1, "set": {"source": "x"}}
    )
    assert spec.options(READ_OPTIONS) == {
        "sheet": "3",
        "header_row": None,
        "sep": None,
        "encoding": None,
        "skip": 1,
        "footer": 0,
    }
    assert spec.options(ITEM_OPTIONS)["constants"] == {"source": "x"}
