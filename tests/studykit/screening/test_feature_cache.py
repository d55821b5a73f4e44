"""The screening feature cache: read back exactly, rebuilt when texts, settings or the file
change, and `screen next` served the same with and without it."""

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from typer.testing import CliRunner

import analysis.screening.features as features
import studykit.screening.feature_cache as feature_cache
from analysis.screening.active import rank_unscreened
from studykit.cli import app
from studykit.screening.feature_cache import cached_text_features, features_key
from studykit.screening.serving import serve_next
from studykit.study import Study
from tests.support.screening_study import screening_study, screening_texts

runner = CliRunner()
TEXTS = [text for _, text, _ in screening_texts()]


def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the calls of text_features made by the cache (one entry per build)."""
    calls: list[int] = []
    real = features.text_features

    def counting(texts: list[str]) -> sp.csr_matrix:
        calls.append(len(texts))
        return real(texts)

    monkeypatch.setattr(feature_cache, "text_features", counting)
    return calls


def same(a: sp.csr_matrix, b: sp.csr_matrix) -> None:
    """Exactly the same CSR matrix: shape, dtype, data, indices, indptr."""
    assert a.shape == b.shape and a.dtype == b.dtype
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


def cache_files(folder: Path) -> list[Path]:
    """The feature files in `folder`."""
    return sorted(folder.glob("features-*.npz"))


def test_second_call_reads_the_file_and_equals_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counted(monkeypatch)
    first = cached_text_features(TEXTS, tmp_path)
    (kept,) = cache_files(tmp_path)
    second = cached_text_features(TEXTS, tmp_path)
    assert calls == [len(TEXTS)]
    assert isinstance(second, sp.csr_matrix)
    fresh = features.text_features(TEXTS)
    same(first, fresh)
    same(second, fresh)
    assert cache_files(tmp_path) == [kept]
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    decided = [0, 1, 2, 3, 6, 12]
    labels = np.array([1, 0, 0, 0, 1, 1])
    cached_rank = rank_unscreened(second, decided, labels, seed=3)
    fresh_rank = rank_unscreened(fresh, decided, labels, seed=3)
    assert np.array_equal(cached_rank.order, fresh_rank.order)
    assert np.array_equal(cached_rank.scores, fresh_rank.scores)


def test_no_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counted(monkeypatch)
    cached_text_features(TEXTS, None)
    cached_text_features(TEXTS, None)
    assert calls == [len(TEXTS), len(TEXTS)]


def test_a_changed_text_or_setting_gives_a_new_key(monkeypatch: pytest.MonkeyPatch) -> None:
    key = features_key(TEXTS)
    assert features_key(list(TEXTS)) == key
    assert features_key([*TEXTS[:-1], TEXTS[-1] + "!"]) != key
    assert features_key(TEXTS[:-1]) != key
    assert features_key(["ab", "c"]) != features_key(["a", "bc"])
    real = features.text_vectorizer
    monkeypatch.setattr(feature_cache, "text_vectorizer", lambda: real(max_features=1_000))
    assert features_key(TEXTS) != key
    monkeypatch.setattr(feature_cache.sklearn, "__version__", "0.0.0")
    monkeypatch.setattr(feature_cache, "text_vectorizer", real)
    assert features_key(TEXTS) != key


def test_a_changed_text_builds_a_new_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counted(monkeypatch)
    cached_text_features(TEXTS, tmp_path)
    changed = [*TEXTS[:-1], "a different last text"]
    matrix = cached_text_features(changed, tmp_path)
    assert len(calls) == 2 and len(cache_files(tmp_path)) == 2
    same(matrix, features.text_features(changed))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "wrong rows"])
def test_a_damaged_file_is_rebuilt_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    calls = counted(monkeypatch)
    cached_text_features(TEXTS, tmp_path)
    (path,) = cache_files(tmp_path)
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "garbage":
        path.write_bytes(b"not a zip file at all" * 50)
    else:
        sp.save_npz(path, features.text_features(TEXTS[:-5]))
    matrix = cached_text_features(TEXTS, tmp_path)
    assert len(calls) == 2
    same(matrix, features.text_features(TEXTS))
    same(sp.load_npz(path), matrix)
    cached_text_features(TEXTS, tmp_path)
    assert len(calls) == 2


def test_an_unwritable_folder_means_building_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counted(monkeypatch)
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder", encoding="utf-8")
    first = cached_text_features(TEXTS, blocked / "cache")
    cached_text_features(TEXTS, blocked / "cache")
    assert len(calls) == 2
    same(first, features.text_features(TEXTS))


def test_only_the_newest_files_are_kept(tmp_path: Path) -> None:
    for i in range(feature_cache.KEEP + 2):
        cached_text_features([*TEXTS[:20], f"text number {i}"], tmp_path)
    kept = cache_files(tmp_path)
    assert len(kept) == feature_cache.KEEP
    last = (
        tmp_path
        / f"features-{features_key([*TEXTS[:20], f'text number {feature_cache.KEEP + 1}'])}.npz"
    )
    assert last in kept


def test_screen_next_twice_writes_one_file_and_serves_as_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counted(monkeypatch)
    (tmp_path / "cached").mkdir()
    (tmp_path / "plain").mkdir()
    cached = screening_study(tmp_path / "cached", decided=12, codings=True)
    plain = Study.open(screening_study(tmp_path / "plain", decided=12, codings=True))
    for _ in range(2):
        result = runner.invoke(
            app, ["screen", "next", "-d", "relevant", "-n", "8", "--study", str(cached)]
        )
        assert result.exit_code == 0, result.stderr
        served = serve_next(plain.db, "relevant", count=8).items
        assert served["served_by"].tolist()[:7] == ["model"] * 7
        lines = [line.split() for line in result.stdout.splitlines() if "/x#" in line]
        got = [next(word for word in words if "/x#" in word) for words in lines]
        assert got == served["item_id"].tolist()
    plain.close()
    # One build for the cached study, one per call for the study without a cache.
    assert len(calls) == 1 + 2
    assert len(cache_files(cached.parent / "cache")) == 1
