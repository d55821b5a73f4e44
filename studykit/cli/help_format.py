"""Help that prints as written: texts escaped from rich markup, conventional metavars.

Typer renders help texts as rich markup, so `[name]` or `[github]` in a help text would
vanish; it keeps a docstring's line breaks, so paragraphs wrap badly; and it names value types
`<str>`, `<bool>`, `<list[Path]>`. Every studykit command and group passes its texts and
parameters through `as_written`, so help shows `[github]` as written, paragraphs reflowed, and
the types as TEXT, INTEGER, PATH, [csv|json] (none for flags).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath
from typing import Any, get_args

from rich.markup import escape
from typer.core import TyperArgument, TyperCommand, TyperOption

TYPE_NAMES: dict[Any, str] = {
    str: "TEXT",
    int: "INTEGER",
    float: "FLOAT",
    bool: "BOOLEAN",
    datetime: "DATETIME",
}
PATH_NAMES = {"file": "FILE", "dir": "DIRECTORY"}


def type_metavar(param: TyperOption | TyperArgument) -> str:
    """The conventional name of a parameter's value type: TEXT, INTEGER, PATH, [a|b], ..."""
    descriptor = param.type_descriptor
    if descriptor.choices is not None:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in descriptor.choices) + "]"
    if descriptor.is_file:
        return "FILENAME"
    annotation = descriptor.annotation
    if descriptor.is_list:
        (annotation,) = get_args(annotation)
    if descriptor.is_path or (isinstance(annotation, type) and issubclass(annotation, PurePath)):
        return PATH_NAMES.get(descriptor.path_type, "PATH")
    name = TYPE_NAMES.get(annotation, "TEXT")
    return f"{name} RANGE" if descriptor.is_ranged else name


class ConventionalOption(TyperOption):
    """An option whose help shows `--name TEXT`, and nothing after a flag."""

    def display_type_rich(self, ctx: Any) -> str | None:
        """The option's metavar if set, none for a flag, else its type's conventional name."""
        if self.metavar is not None:
            return self.metavar
        if self.is_flag or self.count:
            return None
        return type_metavar(self)


class ConventionalArgument(TyperArgument):
    """An argument shown as `FILES...` in the usage line and with its type's conventional name."""

    def display_type_rich(self, ctx: Any) -> str | None:
        """The argument's value type: TEXT, PATH, ..."""
        return type_metavar(self)

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        """NAME if required, [NAME] if optional, with ... if it takes several values."""
        name = (self.metavar or self.name or "").upper()
        shown = name if self.required else f"[{name}]"
        return [shown + ("..." if self.nargs != 1 else "")]


def conventional(params: list[Any]) -> None:
    """Give typer's options and arguments conventional metavars (in place)."""
    for param in params:
        if isinstance(param, TyperOption) and not isinstance(param, ConventionalOption):
            param.__class__ = ConventionalOption
        elif isinstance(param, TyperArgument) and not isinstance(param, ConventionalArgument):
            param.__class__ = ConventionalArgument


def reflowed(text: str) -> str:
    """`text` with each paragraph's lines joined, so the terminal wraps it (lists and indented
    lines kept as written): typer's rich help keeps a docstring's line breaks."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.splitlines()
        kept = any(line[:1].isspace() or line.startswith(("- ", "* ", "\b")) for line in lines)
        paragraphs.append(paragraph if kept else " ".join(line.strip() for line in lines))
    return "\n\n".join(paragraphs)


def as_written(command: Any) -> None:
    """Escape a command's help texts from rich markup, paragraphs reflowed; give its parameters
    conventional metavars."""
    if getattr(command, "rich_markup_mode", None) == "rich":
        for attribute in ("help", "short_help", "epilog"):
            text = getattr(command, attribute, None)
            if text:
                setattr(command, attribute, escape(reflowed(text)))
        for param in command.params:
            if isinstance(param, TyperOption | TyperArgument) and param.help:
                param.help = escape(param.help)
    conventional(command.params)


class AsWritten:
    """Mixin for a typer command or group: its help prints as written (see `as_written`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        as_written(self)

    def get_help_option(self, ctx: Any) -> Any:
        """The --help option, shown without a metavar."""
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            conventional([option])
        return option


class StudykitCommand(AsWritten, TyperCommand):
    """A studykit command: help as written."""
