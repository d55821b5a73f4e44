"""The coding stage's error for bad input: a codebook, sheet or adjudication file it can't use."""

QUOTE_LIMIT = 60


class CodingInputError(ValueError):
    """Input the coding stage cannot use; the message names the file, row and field."""


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`value` quoted for a one-line message, cut to `limit` characters with its length said."""
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text):,} characters)"
