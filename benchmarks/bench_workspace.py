"""Benchmark: the coding workspace over HTTP on a study of 100,000 items and 4 raters.

Builds a synthetic study in a temporary folder (the example's codebook, 100,000 sampled items
with a 1,500-character Markdown body each, every rater having coded half of them already, so
about 1,000,000 codings), starts `studykit serve` as a user does, and has 4 raters work at once,
each in its own thread with its own HTTP connection: open an item page, save one coding, move
on. Reports p50/p95/max of "open the next item" (GET /items/N, the whole coding screen) and of
"save one coding" (POST of one dimension's codes), the load average before and after (the timings
depend on what else the machine runs), and the SQL statements one save runs (which do not).
Run on demand:

    .venv/bin/python benchmarks/bench_workspace.py [--items 100000] [--steps 150] [--db URL]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np
from sqlalchemy import event

from coding.codebook import load_codebook
from studykit.db import Database, insert, schema
from studykit.study import Study
from studykit.workspace.serve import prepare
from studykit.workspace.store import save_codes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"
RATERS = ["r1", "r2", "r3", "r4"]
ROUND = "1"
BODY = (
    "### Describe the bug\n\nTraining diverges after the learning-rate warm-up; the loss becomes "
    "`nan` at step 1200.\n\n```python\nloss = criterion(logits, labels)\nloss.backward()\n```\n\n"
) * 6


def build(folder: Path, n_items: int, db_url: str | None, seed: int) -> Path:
    """Write a manifest and fill its database: items, a sample, half the items coded per rater."""
    database = db_url or "sqlite:///s.sqlite"
    manifest = folder / "study.toml"
    manifest.write_text(
        f'[study]\nname = "workspace benchmark"\ndatabase = "{database}"\n'
        f'[coding]\ncodebook = "{EXAMPLE / "codebook.yaml"}"\nraters = {RATERS!r}\n'.replace(
            "'", '"'
        )
    )
    codebook = load_codebook(EXAMPLE / "codebook.yaml")
    rng = np.random.default_rng(seed)
    ids = [f"bench/repo{i % 5}#{i:06d}" for i in range(n_items)]
    db = Database.open(database, base=folder)
    with db.begin() as conn:
        insert(
            conn,
            schema.items,
            [
                {"id": item, "kind": "github_issue", "source": "github",
                 "repository": item.split("#")[0], "issue_number": int(item.split("#")[1]),
                 "link": f"https://github.com/{item.replace('#', '/issues/')}",
                 "title": f"NaN loss after warm-up ({item})", "text": BODY,
                 "created_at": "2024-01-01T00:00:00Z", "meta": {"labels": ["bug"]}}
                for item in ids
            ],
        )  # fmt: skip
        conn.execute(
            schema.samples.insert().values(
                id=1, name="main", size=n_items, population=n_items, strata=None, seed=seed,
                filter={}, method="all", created_at="2024-01-01T00:00:00Z",
            )
        )  # fmt: skip
        insert(conn, schema.sample_items, [{"sample_id": 1, "item_id": i} for i in ids])
        for rater in RATERS:
            coded = rng.random(n_items) < 0.5
            rows = [
                {"item_id": item, "rater": rater, "dimension": dim.name,
                 "code": dim.codes[int(rng.integers(len(dim.codes)))].code, "round": ROUND,
                 "coded_at": "2024-01-01T00:00:00Z", "note": "", "source": "bench",
                 "codebook": codebook.content_hash}
                for item, done in zip(ids, coded, strict=True) if done
                for dim in codebook.dimensions
            ]  # fmt: skip
            insert(conn, schema.codings, rows)
    db.close()
    return manifest


def statements_per_save(manifest: Path) -> dict[str, list[str]]:
    """The statements of saving a new and a changed coding (BEGIN and COMMIT included), counted
    in this process on the built study, on the last items, which no rater of the run reaches."""
    study = Study.open(manifest)
    served = prepare(study, round=ROUND).round
    seen: list[str] = []

    def statement(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        seen.append(sql.split()[0])

    def commit(_conn: object) -> None:
        seen.append("COMMIT")

    rater, item = RATERS[0], served.items[-1]
    save_codes(served, rater, served.items[-2], "symptom", ["crash"])  # stores the codebook
    save_codes(served, rater, item, "symptom", [])
    event.listen(served.db.engine, "before_cursor_execute", statement)
    event.listen(served.db.engine, "commit", commit)
    # psycopg sends BEGIN itself before a transaction's first statement: one round trip more
    begin = ["BEGIN (psycopg's own)"] if served.db.engine.dialect.name == "postgresql" else []
    counted = {}
    for label, code in (("a new coding", "crash"), ("a changed coding", "numerical_error")):
        seen.clear()
        save_codes(served, rater, item, "symptom", [code])
        counted[label] = begin + seen
    study.close()
    return counted


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rater_session(
    link: str, n_items: int, steps: int, seed: int, opens: list[float], saves: list[float]
) -> None:
    """One rater: sign in, then `steps` times open an item page and save one coding."""
    rng = np.random.default_rng(seed)
    codebook = load_codebook(EXAMPLE / "codebook.yaml")
    with httpx.Client(timeout=60) as client:
        page = client.get(link, follow_redirects=True)
        page.raise_for_status()
        found = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text)
        assert found is not None
        headers = {"X-CSRF-Token": found.group(1)}
        base = link.split("/signin")[0]
        start = int(rng.integers(1, n_items - steps))
        for position in range(start, start + steps):
            began = time.perf_counter()
            client.get(f"{base}/items/{position}").raise_for_status()
            opens.append(time.perf_counter() - began)
            dim = codebook.dimensions[int(rng.integers(len(codebook.dimensions)))]
            code = dim.codes[int(rng.integers(len(dim.codes)))].code
            began = time.perf_counter()
            client.post(
                f"{base}/api/items/{position}/codes",
                json={"dimension": dim.name, "codes": [code]},
                headers=headers,
            ).raise_for_status()
            saves.append(time.perf_counter() - began)


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile of the values (nearest rank), in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--steps", type=int, default=150, help="items each rater opens and saves")
    parser.add_argument("--db", help="a database URL (default: an SQLite file in the folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        manifest = build(folder, args.items, args.db, seed=7)
        print(f"built {args.items:,} items in {time.perf_counter() - began:.0f} s")
        for label, statements in statements_per_save(manifest).items():
            print(f"statements to save {label}: {len(statements)} ({', '.join(statements)})")
        load_before = os.getloadavg()
        port = free_port()
        studykit = Path(sys.executable).parent / "studykit"
        server = subprocess.Popen(
            [str(studykit), "serve", "--study", str(manifest), "--round", ROUND,
             "--port", str(port)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            lines = [server.stdout.readline() for _ in range(2 + len(RATERS) + 1)]  # type: ignore[union-attr]
            links = dict(re.findall(r"^  (\w+): (\S+)$", "".join(lines), re.M))
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"http://127.0.0.1:{port}/")
                    break
                except httpx.ConnectError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            opens: list[float] = []
            saves: list[float] = []
            threads = [
                threading.Thread(
                    target=rater_session,
                    args=(links[rater], args.items, args.steps, n, opens, saves),
                )
                for n, rater in enumerate(RATERS)
            ]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            took = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{len(RATERS)} raters at once, {args.steps} items each, {took:.1f} s in all")
    print(
        "load average (1, 5, 15 min) before the run: "
        + ", ".join(f"{x:.1f}" for x in load_before)
        + "; after: "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    )
    print("| request | n | p50 ms | p95 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, values in (("open the next item", opens), ("save one coding", saves)):
        print(
            f"| {name} | {len(values)} | {statistics.median(values) * 1000:.0f} | "
            f"{percentile(values, 0.95):.0f} | {max(values) * 1000:.0f} |"
        )


if __name__ == "__main__":
    main()
