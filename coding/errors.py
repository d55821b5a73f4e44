"""The coding stage's error for bad input: a codebook, sheet or adjudication file it can't use."""


class CodingInputError(ValueError):
    """Input the coding stage cannot use; the message names the file, row and field."""
