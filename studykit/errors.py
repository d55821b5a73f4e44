"""User-facing errors: the command line prints them in one line and exits with code 2."""


class StudykitError(Exception):
    """A problem with the user's input, files or settings, reported without a traceback."""


class ManifestError(StudykitError):
    """The study manifest cannot be read or does not validate."""


class DatabaseError(StudykitError):
    """The study database cannot be reached, or is of a schema version this studykit can't use."""


class InputError(StudykitError):
    """An input file (sheet, CSV, archive) is malformed; the message names file, row and field."""
