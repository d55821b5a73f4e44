"""The mining stage's error for bad input: a damaged archive page, a malformed API response."""


class MiningInputError(ValueError):
    """Input the miner cannot use; the message names the file or URL and the field."""
