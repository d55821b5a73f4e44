"""The workspace's rules over HTTP: sign-in required, CSRF, blind coding, no writing as
another rater or into a closed round, concurrent saves both land, a failed save writes nothing."""

from __future__ import annotations

import threading

import httpx
import pytest

from studykit.study import Study
from studykit.workspace import store
from studykit.workspace.auth import COOKIE, CSRF_HEADER
from studykit.workspace.serve import Served
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE
from tests.support.workspace import csrf_of, running, serve_round, signed_in, write_headers

SECRET_NOTE = "bob-private-note-7f3a"


def _codes(study: Study, round: str) -> set[tuple[str, str, str, str]]:
    frame = study.db.read("codings")
    frame = frame[frame["round"] == round]
    columns = (frame[c] for c in ("item_id", "rater", "dimension", "code"))
    return set(zip(*columns, strict=True))


def _save(
    client: httpx.Client, served: Served, person: str, position: int, **body: object
) -> httpx.Response:
    return client.post(
        f"/api/items/{position}/codes", json=body, headers=write_headers(served, person)
    )


def test_every_page_and_write_needs_a_sign_in_token(study: Study) -> None:
    served = serve_round(study, "5")
    with running(served) as base, httpx.Client(base_url=base) as anonymous:
        for path in ("/", "/next", "/queue", "/items/1", "/api/items/1"):
            assert anonymous.get(path).status_code == 401, path
        assert anonymous.get("/signin", params={"token": "guessed"}).status_code == 401
    with running(served) as base, httpx.Client(base_url=base, cookies={COOKIE: "x" * 43}) as forged:
        assert forged.get("/queue").status_code == 401
    with running(served) as base, httpx.Client(base_url=base) as anonymous:
        write = anonymous.post(
            "/api/items/1/codes",
            json={"dimension": "symptom", "codes": ["crash"]},
            headers={CSRF_HEADER: csrf_of(served, "alice")},
        )
        assert write.status_code == 401
        signed = anonymous.get("/signin", params={"token": served.tokens["alice"]})
        assert signed.status_code == 303
        assert "httponly" in signed.headers["set-cookie"].lower()
        assert "samesite=strict" in signed.headers["set-cookie"].lower()
    assert _codes(study, "5") == set()


def test_writes_without_the_pages_csrf_token_or_from_another_site_are_refused(
    study: Study,
) -> None:
    served = serve_round(study, "6")
    body = {"dimension": "symptom", "codes": ["crash"]}
    with running(served) as base, signed_in(base, served, "alice") as alice:
        assert alice.post("/api/items/1/codes", json=body).status_code == 403
        bobs = {CSRF_HEADER: csrf_of(served, "bob")}
        assert alice.post("/api/items/1/codes", json=body, headers=bobs).status_code == 403
        foreign = write_headers(served, "alice") | {"origin": "http://evil.example"}
        assert alice.post("/api/items/1/codes", json=body, headers=foreign).status_code == 403
        note = alice.post("/api/items/1/mark", json={"note": "x"})
        assert note.status_code == 403
        assert _codes(study, "6") == set()
        assert _save(alice, served, "alice", 1, **body).status_code == 200
    assert _codes(study, "6") == {(served.round.items[0], "alice", "symptom", "crash")}


def test_a_rater_never_sees_another_raters_codes_before_the_round_closes(study: Study) -> None:
    served = serve_round(study, "7")
    with (
        running(served) as base,
        signed_in(base, served, "alice") as alice,
        signed_in(base, served, "bob") as bob,
    ):
        for dimension, codes in (
            ("defect_type", ["env_api"]),
            ("symptom", ["crash", "numerical_error"]),
        ):
            assert _save(bob, served, "bob", 1, dimension=dimension, codes=codes).status_code == 200
        marked = bob.post(
            "/api/items/1/mark",
            json={"note": SECRET_NOTE, "unsure": True},
            headers=write_headers(served, "bob"),
        )
        assert marked.status_code == 200
        pages = [
            alice.get(path, follow_redirects=True)
            for path in (
                "/",
                "/next",
                "/items/1",
                "/api/items/1",
                *(f"/queue?show={show}" for show in ("all", "uncoded", "unsure", "notes")),
            )
        ]
        assert all(page.status_code == 200 for page in pages)
        for page in pages:
            assert SECRET_NOTE not in page.text
            assert " checked" not in page.text
        answer = alice.get("/api/items/1").json()
        assert answer["codes"] == {} and answer["note"] == "" and answer["unsure"] is False
        # bob sees his own
        own = bob.get("/api/items/1").json()
        assert own["codes"] == {"defect_type": ["env_api"], "symptom": ["crash", "numerical_error"]}
        assert own["note"] == SECRET_NOTE and own["unsure"] is True


def test_a_rater_cannot_write_as_another(study: Study) -> None:
    served = serve_round(study, "8")
    with running(served) as base, signed_in(base, served, "alice") as alice:
        answer = alice.post(
            "/api/items/2/codes",
            json={"dimension": "symptom", "codes": ["crash"], "rater": "bob"},
            headers=write_headers(served, "alice"),
        )
        assert answer.status_code == 200
    assert _codes(study, "8") == {(served.round.items[1], "alice", "symptom", "crash")}


def test_a_closed_round_refuses_every_write(study: Study) -> None:
    served = serve_round(study, "9")
    with running(served) as base, signed_in(base, served, "alice") as alice:
        assert _save(alice, served, "alice", 1, dimension="symptom", codes=["crash"]).is_success
        assert store.close_round(served.round, ["alice", "bob"], "coordinator")
        late = _save(alice, served, "alice", 1, dimension="symptom", codes=["numerical_error"])
        assert late.status_code == 409 and "closed" in late.json()["error"]
        mark = alice.post(
            "/api/items/1/mark", json={"unsure": True}, headers=write_headers(served, "alice")
        )
        assert mark.status_code == 409
    assert _codes(study, "9") == {(served.round.items[0], "alice", "symptom", "crash")}
    assert study.db.read("workspace_marks").query("round == '9'").empty


def test_a_refused_or_failed_save_writes_nothing(
    study: Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = serve_round(study, "10")
    with running(served) as base, signed_in(base, served, "alice") as alice:
        assert _save(alice, served, "alice", 1, dimension="symptom", codes=["crash"]).is_success
        before = _codes(study, "10")
        refused = [
            _save(alice, served, "alice", 1, dimension="symptom", codes=["no_such_code"]),
            _save(
                alice, served, "alice", 1, dimension="defect_type", codes=["env_api", "env_build"]
            ),
            _save(alice, served, "alice", 1, dimension="no_such_dimension", codes=[]),
            _save(alice, served, "alice", 99999, dimension="symptom", codes=["crash"]),
            alice.post("/api/items/1/codes", content=b"{", headers=write_headers(served, "alice")),
        ]
        assert [r.status_code for r in refused] == [400, 400, 400, 404, 400]
        assert all("error" in r.json() for r in refused)

        def broken_insert(*_: object, **__: object) -> int:
            raise RuntimeError("the disk is full")

        monkeypatch.setattr(store, "insert", broken_insert)
        failed = _save(alice, served, "alice", 1, dimension="symptom", codes=["numerical_error"])
        assert failed.status_code == 500
        assert served.tokens["alice"] not in failed.text
        assert _codes(study, "10") == before


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_concurrent_saves_of_two_raters_both_land(
    backend: str, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        study = Study.open(EXAMPLE / "study.toml", db=request.getfixturevalue("example_copy")())
    else:
        study = load_example(request.getfixturevalue("postgres_url"))
    served = serve_round(study, "3")
    pairs = 12
    with (
        running(served) as base,
        signed_in(base, served, "alice") as alice,
        signed_in(base, served, "bob") as bob,
    ):
        gate = threading.Barrier(2)
        failures: list[int] = []

        def code(client: httpx.Client, person: str, code: str) -> None:
            for position in range(1, pairs + 1):
                gate.wait()
                answer = _save(client, served, person, position, dimension="symptom", codes=[code])
                if answer.status_code != 200:
                    failures.append(answer.status_code)

        threads = [
            threading.Thread(target=code, args=(alice, "alice", "crash")),
            threading.Thread(target=code, args=(bob, "bob", "numerical_error")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    items = served.round.items[:pairs]
    assert _codes(study, "3") == {(i, "alice", "symptom", "crash") for i in items} | {
        (i, "bob", "symptom", "numerical_error") for i in items
    }
    study.close()
