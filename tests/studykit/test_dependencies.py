"""Every run-time dependency in pyproject.toml is used by the library at run time (imported by
mining/, coding/, analysis/ or studykit/, or loaded for it by another package), and the README's
dependency table names each one."""

import ast
import re
import sys
import tomllib

from tests.support.paths import ROOT

LIBRARY = ("mining", "coding", "analysis", "studykit")
IMPORT_NAMES = {
    "PyGithub": "github",
    "PyDriller": "pydriller",
    "PyYAML": "yaml",
    "python-docx": "docx",
    "scikit-learn": "sklearn",
    "psycopg": "psycopg",
    "markdown-it-py": "markdown_it",
    "MarkupSafe": "markupsafe",
}
# loaded by another package on the library's behalf: (file, the text that makes it load)
LOADED_FOR_IT = {
    "psycopg": ("studykit/db/urls.py", '"postgresql+psycopg"'),
    "pyarrow": ("studykit/db/export.py", ".to_parquet("),
    "Jinja2": ("studykit/workspace/app.py", "Jinja2Templates("),
}


def _requirements(names: list[str]) -> list[str]:
    return [re.split(r"[<>=\[ ;]", n, maxsplit=1)[0] for n in names]


def _imported() -> set[str]:
    found: set[str] = set()
    for package in LIBRARY:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add(node.module.split(".")[0])
    return found


def test_every_runtime_dependency_is_used_by_the_library() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    imported = _imported()
    unused = []
    for name in _requirements(project["dependencies"]):
        module = IMPORT_NAMES.get(name, name.lower().replace("-", "_"))
        if name in LOADED_FOR_IT:
            path, text = LOADED_FOR_IT[name]
            used = text in (ROOT / path).read_text(encoding="utf-8")
        else:
            used = module in imported
        if not used:
            unused.append(name)
    assert unused == [], f"move to the dev extra: {unused}"


def test_every_third_party_module_the_library_imports_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        IMPORT_NAMES.get(n, n.lower().replace("-", "_"))
        for n in _requirements(project["dependencies"])
    }
    third_party = _imported() - set(sys.stdlib_module_names) - set(LIBRARY)
    assert sorted(third_party - declared) == []


def test_the_readme_table_names_every_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Why each dependency is there", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| ")]
    named = {n.strip().lower() for row in rows for n in re.sub(r"\(dev\)", "", row).split(",")}
    every = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    missing = [n for n in _requirements(every) if n.lower() not in named]
    assert missing == []
    dev_rows = {
        n.strip().lower()
        for row in rows
        if "(dev)" in row
        for n in row.replace("(dev)", "").split(",")
    }
    runtime = {n.lower() for n in _requirements(project["dependencies"])}
    assert not dev_rows & runtime
