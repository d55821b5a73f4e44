"""The starter files `studykit init` writes: templates with the study's own fields filled in.

A template marks the study's fields as `$study_name` and `$today`; anything else in it (such
as the `{owner}` and `{name}` placeholders of clone_url) is written as it stands.
"""

import json
from datetime import date
from importlib import resources
from string import Template

STARTER_FILES = ("study.toml", "codebook.yaml")


def quoted(value: str) -> str:
    """`value` as a double-quoted string that TOML and YAML both read back exactly."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def starter_text(filename: str, study_name: str, today: date) -> str:
    """The template `filename` with the study's name and today's date filled in."""
    template = (resources.files("studykit") / "templates" / filename).read_text(encoding="utf-8")
    return Template(template).substitute(study_name=quoted(study_name), today=today.isoformat())
