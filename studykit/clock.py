"""The time studykit stamps on what it stores, fixed by SOURCE_DATE_EPOCH for reproducible runs."""

import os
from datetime import UTC, datetime


def now_iso() -> str:
    """The current UTC time as ISO-8601 text, or SOURCE_DATE_EPOCH's time if it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
