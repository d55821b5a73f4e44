"""The options that serve items in the screening model's order (`sheets export`, `serve`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    from studykit.labelling.sheet_order import ModelOrder
    from studykit.study import Study

OrderOption = Annotated[
    Literal["id", "model"],
    typer.Option(
        help="id: the items by id. model: the next --count unscreened items of the screening "
        "--dimension in the order `screen next` serves them (each recorded)."
    ),
]
ScreeningDimensionOption = Annotated[
    str | None,
    typer.Option("--dimension", "-d", help="The screening dimension (--order model)."),
]
CountOption = Annotated[int, typer.Option("--count", "-n", help="Items (--order model).")]
SuggestionsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--suggestions",
        help="Offer a model's top 3 codes of dimension D (trained on the consensus so far); off "
        "by default. Every coding records whether a suggestion was in view. Repeatable.",
    ),
]


def model_order(
    study: Study, order: str, dimension: str | None, count: int, random_share: float = 0.1
) -> ModelOrder | None:
    """The model order the options ask for (features cached in [study] cache), None for id."""
    from studykit.labelling.sheet_order import ModelOrder

    if (order == "model") != (dimension is not None):
        raise typer.BadParameter("--order model and --dimension D go together")
    if dimension is None:
        return None
    return ModelOrder(dimension, count, random_share, cache=study.manifest.cache)
