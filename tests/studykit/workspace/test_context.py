"""What the coding screen shows beside an item: fix commits with changed files and diffs,
an interview segment's surrounding turns, a survey answer's question; the queue resumes."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from markupsafe import escape
from typer.testing import CliRunner

from studykit.cli import app
from studykit.db import insert, schema
from studykit.study import Study
from studykit.workspace.auth import COOKIE
from studykit.workspace.serve import Served, prepare
from tests.support.paths import EXAMPLE
from tests.support.workspace import running, serve_round, write_headers


@pytest.fixture(scope="module")
def study(example_copy: Callable[[], str]) -> Iterator[Study]:
    url = example_copy()
    loaded = Study.open(EXAMPLE / "study.toml", db=url)
    for step in (["import", "participants"], ["import", "transcripts", "--redact"],
                 ["import", "survey"]):  # fmt: skip
        result = CliRunner().invoke(
            app, [*step, "--study", str(EXAMPLE / "study.toml"), "--db", url]
        )
        assert result.exit_code == 0, (step, result.stderr)
    yield loaded
    loaded.close()


def _page(served: Served, path: str, person: str = "alice") -> str:
    with (
        running(served) as base,
        httpx.Client(base_url=base, cookies={COOKIE: served.tokens[person]}) as client,
    ):
        answer = client.get(path, follow_redirects=True)
    assert answer.status_code == 200, answer.text
    return answer.text


def _mirror_with_a_commit(folder: Path) -> tuple[Path, str]:
    work, mirror = folder / "work", folder / "mirror.git"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    (work / "loss.py").write_text("loss = ce(logits, labels)\n")
    subprocess.run([*git, "-C", str(work), "add", "."], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "-qm", "a"], check=True)
    (work / "loss.py").write_text("loss = ce(logits, labels, ignore_index=255)\n")
    subprocess.run([*git, "-C", str(work), "commit", "-qam", "fix"], check=True)
    subprocess.run(["git", "clone", "-q", "--mirror", str(work), str(mirror)], check=True)
    sha = subprocess.run(
        ["git", "-C", str(work), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return mirror, sha


def test_fix_commits_show_their_changed_files_and_diff(study: Study, tmp_path: Path) -> None:
    served = serve_round(study, "21")
    item = served.round.items[0]
    repository, number = item.split("#")
    mirror, sha = _mirror_with_a_commit(tmp_path)
    unmirrored = "ab" * 20
    with study.db.begin() as conn:
        links = [
            {"repository": repository, "issue_number": int(number), "kind": "commit",
             "fix_repository": repository, "target": target, "evidence": "closed_event"}
            for target in (sha, unmirrored)
        ]  # fmt: skip
        insert(conn, schema.fix_links, links)
        insert(
            conn,
            schema.commit_files,
            [{"repository": repository, "sha": sha, "path": "loss.py", "old_path": None,
              "change_type": "MODIFY", "added_lines": 1, "deleted_lines": 1,
              "component": "training"}],
        )  # fmt: skip
    served.round.mirrors = lambda repo: mirror if repo == repository else tmp_path / "none"
    page = _page(served, "/items/1")
    assert f"https://github.com/{repository}/commit/{sha}" in page
    assert "<code>loss.py</code></td><td>MODIFY</td><td>1</td><td>1</td><td>training" in page
    assert "+loss = ce(logits, labels, ignore_index=255)" in page
    assert f"https://github.com/{repository}/commit/{unmirrored}" in page
    assert "No diff here: no local mirror holds this commit" in page


def test_an_interview_segment_shows_the_turns_around_it(study: Study) -> None:
    served = prepare(study, round="22", kind="segment")
    segments = study.db.read("segments").set_index("id")
    item = served.round.items[1]
    page = _page(served, "/items/2")
    here = segments.loc[item]
    around = segments[
        (segments["transcript_id"] == here["transcript_id"])
        & (segments["seq"].between(here["seq"] - 3, here["seq"] + 3))
    ]
    assert len(around) > 1
    for text in around["text"]:
        assert str(escape(text)) in page
    assert 'class="turn current"' in page


def test_a_survey_answer_shows_its_question(study: Study) -> None:
    served = prepare(study, round="23", kind="survey_answer")
    item = study.db.read("items").set_index("id").loc[served.round.items[0]]
    page = _page(served, "/items/1")
    assert f"<strong>Question:</strong> {item['title']}" in page
    assert str(escape(item["text"])) in page


def test_the_queue_resumes_at_the_first_uncoded_item_and_filters(study: Study) -> None:
    served = serve_round(study, "24")
    with (
        running(served) as base,
        httpx.Client(base_url=base, cookies={COOKIE: served.tokens["alice"]}) as alice,
    ):
        for position in (1, 2, 4):
            for dim in served.round.codebook.dimensions:
                alice.post(
                    f"/api/items/{position}/codes",
                    json={"dimension": dim.name, "codes": [dim.codes[0].code]},
                    headers=write_headers(served, "alice"),
                ).raise_for_status()
        alice.post(
            "/api/items/5/mark", json={"note": "ask bob", "unsure": True},
            headers=write_headers(served, "alice"),
        ).raise_for_status()  # fmt: skip
        assert str(alice.get("/next").headers["location"]) == "/items/3"
        listed = {
            show: alice.get("/queue", params={"show": show}).text
            for show in ("uncoded", "unsure", "notes")
        }
        assert "3 of 300 coded" in listed["uncoded"]
        assert "297 item(s)" in listed["uncoded"]
        assert 'href="/items/4"' not in listed["uncoded"]
        assert "1 item(s)" in listed["unsure"] and 'href="/items/5"' in listed["unsure"]
        assert "ask bob" in listed["notes"]
