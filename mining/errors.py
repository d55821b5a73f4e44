"""The mining stage's errors: input it cannot use, and GitHub requests that failed for good."""


class MiningInputError(ValueError):
    """Input the miner cannot use; the message names the file or URL and the field."""


class FetchError(Exception):
    """A GitHub request that failed for good: the message names URL and status, never a token."""


class TokensRefused(FetchError):
    """GitHub refused the client's last token (401 Bad credentials): no request can succeed."""
