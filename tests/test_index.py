"""The search index: what it finds, incremental updates, and nothing lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from search_pages import THEMES, TIPS, theme, tip, write, write_handbook

from handbook.search import indexing, engine as search_engine, queries as searching
from handbook.content.loader import load_corpus
from handbook.search.related import related_pages

HANDBOOK = [sys.executable, "-m", "handbook"]


@pytest.fixture
def root(tmp_path) -> Path:
    root = write_handbook(tmp_path)
    indexing.update_index(load_corpus(root))
    return root


def found(root, query, **filters) -> list[str]:
    return [Path(r.path).stem for r in searching.search(root, query, limit=50, **filters).results]


# -- what the index finds ------------------------------------------------------------


def test_singular_finds_plural(root):
    assert "gezinnen-steunen" in found(root, "gezin")


def test_irregular_plural_finds_singular(root):
    assert "gezinnen-steunen" in found(root, "kind")


def test_part_finds_compound(root):
    assert found(root, "ondersteuning") == ["opvoedsteun"]


def test_netwerk_finds_oudernetwerk(root):
    assert found(root, "netwerk") == ["ouders-verbinden"]


def test_folded_query_finds_accented_word(root):
    assert found(root, "ideeen") == ["nieuwe-ideeen"]


def test_accented_query_finds_too(root):
    assert found(root, "ideeën") == ["nieuwe-ideeen"]


def test_synonym_finds_other_word(root):
    assert found(root, "casuïstiekbespreking") == ["casus-bespreken"]


def test_multi_word_synonym(root):
    assert found(root, "intervisie") == ["collega-vragen"]


def test_gezin_does_not_find_zin(root):
    assert "zin-in-leren" not in found(root, "gezin")
    assert "gezinnen-steunen" not in found(root, "zin")


def test_title_weighs_more_than_body(tmp_path):
    root = write_handbook(tmp_path, {
        "in-tekst": tip("Over iets anders", "Hier staat ook iets over de buurtmoeder."),
        "in-titel": tip("De buurtmoeder", "Een korte tekst over iets anders."),
    })
    assert found(root, "buurtmoeder") == ["in-titel", "in-tekst"]


def test_snippet_highlights_the_matched_word(root):
    result = searching.search(root, "gezin").results[0]
    assert "**gezinnen**" in result.snippet.casefold() or "**gezinnen**" in result.snippet


def test_compound_is_highlighted_for_its_part(root):
    assert "**Opvoedondersteuning**" in searching.search(root, "ondersteuning").results[0].snippet


def test_counts_per_type_and_theme(root):
    outcome = searching.search(root, "leren OR moeders")
    assert outcome.by_type == {"tip": 3, "theme": 1}
    assert outcome.by_theme == {"samen-leren": 3, "opvoeden": 1}


def test_filter_by_theme(root):
    assert found(root, "moeders", theme="samen-leren") == ["ouders-verbinden"]


def test_filter_by_audience(root):
    assert found(root, "buurt", audience="vrijwilligers") == ["nieuwe-ideeen"]
    assert found(root, "buurt", audience="ouders") == []


def test_filter_by_type(root):
    assert found(root, "leren", type="theme") == ["samen-leren"]


def test_suggestion_for_misspelled_word(root):
    assert searching.search(root, "laaggeletterheid").did_you_mean == "laaggeletterdheid"


def test_no_suggestion_for_an_inflection(root):
    assert searching.search(root, "ouders").did_you_mean is None


def test_suggestion_when_nothing_is_found(root):
    outcome = searching.search(root, "opvoedn")
    assert (outcome.total, outcome.did_you_mean) == (0, "opvoeden")


@pytest.mark.parametrize("query", ["", "   ", "de het een", '"open', "(wijk", "?!"])
def test_unsearchable_query_gets_a_dutch_message(root, query):
    with pytest.raises(searching.QueryProblem, match="zoekvraag"):
        searching.search(root, query)


def test_phrase_query_over_posting_ending_in_46(tmp_path):
    # whoosh-ng 5.4 misreads a position list whose last delta is 46 (b'.'); see search_engine.
    # 'samen' at positions 0 and 46: its position list ends in the byte 46.
    root = write_handbook(tmp_path, {"lang": tip("Lange tekst", "samen leren " + "buurt " * 44 + "samen leren")})
    assert "lang" in found(root, '"samen leren"')


# -- incremental updates ----------------------------------------------------------------


def test_first_update_builds_with_a_notice(tmp_path):
    stats = indexing.update_index(load_corpus(write_handbook(tmp_path)))
    assert (stats.rebuilt, stats.total) == (True, len(TIPS) + len(THEMES))
    assert "nog geen zoekindex" in stats.notice


def test_nothing_changed_reindexes_nothing(root):
    stats = indexing.update_index(load_corpus(root))
    assert (stats.rebuilt, stats.reindexed, stats.removed) == (False, 0, 0)


def test_only_the_changed_page_is_reindexed(root):
    write(root, "tips/opvoedsteun.md", tip("Steun bij het opvoeden", "Nu over grootouders die oppassen."))
    stats = indexing.update_index(load_corpus(root))
    assert (stats.added, stats.changed, stats.removed, stats.unchanged) == (0, 1, 0, len(TIPS) + len(THEMES) - 1)
    assert found(root, "grootouders") == ["opvoedsteun"]
    assert found(root, "ondersteuning") == []


def test_added_and_removed_pages(root):
    write(root, "tips/nieuw.md", tip("Een nieuwe tip", "Over de voedselbank."))
    (root / "content/tips/zin-in-leren.md").unlink()
    stats = indexing.update_index(load_corpus(root))
    assert (stats.added, stats.changed, stats.removed) == (1, 0, 1)
    assert found(root, "voedselbank") == ["nieuw"]
    assert found(root, "zin") == []


def test_a_page_turned_draft_leaves_the_index(root):
    write(root, "tips/opvoedsteun.md", tip("Steun bij het opvoeden", "Opvoedondersteuning.", status="draft"))
    stats = indexing.update_index(load_corpus(root))
    assert stats.removed == 1
    assert found(root, "ondersteuning") == []


def test_rebuild_on_request(root):
    stats = indexing.update_index(load_corpus(root), rebuild=True)
    assert stats.rebuilt and stats.notice is None
    assert found(root, "netwerk") == ["ouders-verbinden"]


def test_search_updates_a_stale_index_itself(root):
    write(root, "tips/nieuw.md", tip("Een nieuwe tip", "Over de voedselbank."))
    outcome = searching.search(root, "voedselbank")
    assert [Path(r.path).stem for r in outcome.results] == ["nieuw"]
    assert any("1 nieuw" in n for n in outcome.notices)


# -- reading only what changed (refresh: handbook index, handbook search) ---------------------

QUERIES = ["gezin", "ouders", "leren OR moeders", '"samen leren"', "buurt", "opvoeden NOT school", "voedselbank", "armoede"]


def _snapshot(root: Path) -> dict:
    """Everything the index holds and answers: stored fields of every page, and results."""
    ix = indexing.open_current(root)
    with ix.searcher() as s:
        documents = sorted((dict(fields) for fields in s.all_stored_fields()), key=lambda d: d["path"])
    with search_engine.searcher(ix) as opened:
        answers = {}
        for query in QUERIES:
            outcome = searching.search(root, query, limit=50, searcher=opened)
            answers[query] = ([(r.path, r.score, r.snippet) for r in outcome.results], outcome.total, outcome.by_type, outcome.by_theme)
    return {"documents": documents, "answers": answers}


def _count_reads(monkeypatch) -> list:
    read = []
    original = indexing.load_page

    def counting(root, file):
        read.append(Path(file).as_posix())
        return original(root, file)

    monkeypatch.setattr(indexing, "load_page", counting)
    return read


def _age(root: Path, seconds: float = 60) -> None:
    """Make every page file look older than the racy window (as files are unless just saved)."""
    past = time.time() - seconds
    for file in (root / "content").rglob("*.md"):
        os.utime(file, (past, past))


def test_refresh_reads_only_the_changed_file(root, monkeypatch):
    _age(root)
    indexing.refresh(root)
    read = _count_reads(monkeypatch)
    assert indexing.refresh(root).reindexed == 0
    assert read == []
    write(root, "tips/opvoedsteun.md", tip("Steun bij het opvoeden", "Nu over grootouders die oppassen."))
    stats = indexing.refresh(root)
    assert read == ["content/tips/opvoedsteun.md"]
    assert (stats.added, stats.changed, stats.removed, stats.unchanged) == (0, 1, 0, len(TIPS) + len(THEMES) - 1)
    assert found(root, "grootouders") == ["opvoedsteun"]


def test_refresh_after_edits_equals_a_rebuild(root):
    _age(root)
    indexing.refresh(root)
    write(root, "tips/opvoedsteun.md", tip("Steun bij het opvoeden", "Moeders en gezinnen met vragen over kinderen."))
    write(root, "tips/nieuw.md", tip("Nieuwe tip", "Over de voedselbank in de buurt.", themes=("armoede",)))
    (root / "content/tips/zin-in-leren.md").unlink()
    write(root, "tips/casus-bespreken.md", tip("Een casus bespreken", "Stappen.", status="draft"))
    write(root, "tips/kapot.md", "---\ntitle: [kapot\n---\nTekst over gezinnen.\n")
    # A theme's title changes: pages of that theme keep their document (it holds the
    # theme's slug, never its title), so nothing else needs reading.
    write(root, "themas/armoede.md", theme("armoede").replace("title: Armoede", "title: Armoede en geld"))
    stats = indexing.refresh(root)
    assert (stats.rebuilt, stats.added, stats.changed, stats.removed) == (False, 1, 2, 2)
    after_refresh = _snapshot(root)
    indexing.refresh(root, rebuild=True)
    assert _snapshot(root) == after_refresh
    indexing.update_index(load_corpus(root), rebuild=True)
    assert _snapshot(root) == after_refresh


def test_refresh_sees_a_change_that_keeps_size_and_mtime(root, monkeypatch):
    _age(root)
    indexing.refresh(root)
    file = root / "content/tips/opvoedsteun.md"
    before = file.stat()
    file.write_text(file.read_text(encoding="utf-8").replace("Opvoedondersteuning", "Opvoedbegeleidingen"), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a copy that keeps times would
    assert file.stat().st_size == before.st_size
    assert indexing.refresh(root).changed == 1  # the change time still tells
    assert found(root, "ondersteuning") == []


def test_a_just_saved_file_is_read_again_next_time(root, monkeypatch):
    _age(root)
    indexing.refresh(root)
    write(root, "tips/opvoedsteun.md", tip("Steun bij het opvoeden", "Nu over grootouders die oppassen."))
    indexing.refresh(root)
    read = _count_reads(monkeypatch)
    # Saved within the racy window of that refresh: a second save in the same clock tick
    # could keep size and times, so it is not trusted yet.
    assert indexing.refresh(root).reindexed == 0
    assert read == ["content/tips/opvoedsteun.md"]


def test_other_schemas_make_refresh_read_every_page(root, monkeypatch):
    _age(root)
    indexing.refresh(root)
    monkeypatch.setattr(indexing, "_reader_fingerprint", lambda: "andere schema's")
    read = _count_reads(monkeypatch)
    assert indexing.refresh(root).reindexed == 0
    assert len(read) == len(TIPS) + len(THEMES)


def test_a_lying_state_file_is_not_trusted(root, monkeypatch):
    _age(root)
    indexing.refresh(root)
    state_file = indexing.index_dir(root) / "state.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    state["files"]["content/tips/opvoedsteun.md"][3] = "0" * 40  # a digest the index does not have
    state["files"]["content/tips/nieuw.md"] = "kapot"
    state_file.write_text(json.dumps(state), encoding="utf-8")
    read = _count_reads(monkeypatch)
    assert indexing.refresh(root).reindexed == 0
    assert read == ["content/tips/opvoedsteun.md"]


def test_build_update_keeps_the_record_of_unchanged_files(root, monkeypatch):
    _age(root)
    indexing.refresh(root)
    file = write(root, "tips/opvoedsteun.md", tip("Steun bij het opvoeden", "Nu over grootouders die oppassen."))
    os.utime(file, (time.time() - 30, time.time() - 30))
    indexing.update_index(load_corpus(root))  # as the site build does
    read = _count_reads(monkeypatch)
    assert indexing.refresh(root).reindexed == 0
    assert read == ["content/tips/opvoedsteun.md"]  # the one file the build changed


def test_index_command_reads_only_what_changed(root, monkeypatch, capsys):
    from handbook.cli import main

    _age(root)
    indexing.refresh(root)
    write(root, "tips/nieuw.md", tip("Een nieuwe tip", "Over de voedselbank."))
    read = _count_reads(monkeypatch)
    assert main(["--root", str(root), "index"]) == 0
    assert "1 nieuw" in capsys.readouterr().out
    assert read == ["content/tips/nieuw.md"]


@pytest.mark.parametrize("query", ["gezin", "moeders", "leren OR moeders", "kind school", '"samen leren"', "opvoeden NOT leren", "buurt^2 ideeen"])
def test_scores_are_whooshs_without_its_shortcuts(root, query):
    # The searcher scores terms, And, Or and Not itself; the ranking must be Whoosh's
    # own exhaustive one (its block skipping can drop a true top hit at 10,000 pages).
    from whoosh import collectors

    with search_engine.searcher(indexing.open_current(root)) as opened:
        parsed = opened.parse(query)
        assert opened._scores(parsed) is not None
        mine = [(hit.path, hit.score) for hit in opened.search(parsed, {}, limit=50).hits]
        collector = collectors.TopCollector(limit=50, usequality=False)
        opened._searcher.search_with_collector(parsed, collector)
        whoosh = [(hit["path"], round(hit.score, 4)) for hit in collector.results()]
    assert mine == whoosh


# -- nothing lost ---------------------------------------------------------------------


def test_corrupt_index_is_rebuilt_with_a_message(root):
    generation = indexing._read_current(indexing.index_dir(root))["generation"]
    for file in (indexing.index_dir(root) / generation).iterdir():
        file.write_bytes(b"kapot")
    stats = indexing.update_index(load_corpus(root))
    assert stats.rebuilt and "beschadigd" in stats.notice
    assert found(root, "netwerk") == ["ouders-verbinden"]


def test_missing_generation_is_rebuilt(root):
    generation = indexing._read_current(indexing.index_dir(root))["generation"]
    import shutil

    shutil.rmtree(indexing.index_dir(root) / generation)
    stats = indexing.update_index(load_corpus(root))
    assert stats.rebuilt and "beschadigd" in stats.notice


def test_index_of_other_analysis_is_rebuilt(root, monkeypatch):
    monkeypatch.setattr(indexing.analysis, "fingerprint", lambda: "anders")
    stats = indexing.update_index(load_corpus(root))
    assert stats.rebuilt and "andere taalverwerking" in stats.notice


def _many_pages(root: Path, n: int) -> None:
    for i in range(n):
        write(root, f"tips/extra-{i}.md", tip(f"Extra tip {i}", f"Tekst nummer {i} over de buurt."))


def _start_slow(root: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, indexing.PAUSE_ENV: "0.1"}
    return subprocess.Popen([*HANDBOOK, "--root", str(root), "index", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _segment_files(directory: Path) -> list[Path]:
    return [f for f in directory.rglob("*") if f.is_file() and not f.name.endswith((".toc", "WRITELOCK"))]


def test_killed_rebuild_leaves_the_previous_index_usable(root):
    _many_pages(root, 40)
    before = indexing._read_current(indexing.index_dir(root))["generation"]
    process = _start_slow(root, "--rebuild")
    # The new generation's folder appears once the run is writing into it.
    _wait_for(lambda: len(indexing._generations(indexing.index_dir(root))) > 1)
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert indexing._read_current(indexing.index_dir(root))["generation"] == before
    assert found_in_open(root) == ["ouders-verbinden"]  # the old index, still complete
    stats = indexing.update_index(load_corpus(root))
    assert (stats.rebuilt, stats.added) == (False, 40)
    assert indexing._generations(indexing.index_dir(root)) == [int(before.split("-")[1])]


def test_killed_update_leaves_the_previous_index_usable(root):
    _many_pages(root, 40)
    process = _start_slow(root)
    _wait_for(lambda: (indexing.index_dir(root) / "lock").stat().st_mtime and _writer_busy(root))
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with search_engine.searcher(indexing.open_current(root)) as opened:
        assert opened.doc_count() == len(TIPS) + len(THEMES)
    stats = indexing.update_index(load_corpus(root))
    assert (stats.rebuilt, stats.added) == (False, 40)


def _writer_busy(root: Path) -> bool:
    import fcntl

    with open(indexing.index_dir(root) / "lock") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def test_two_runs_at_once_do_not_corrupt_the_index(root):
    _many_pages(root, 10)
    env = {**os.environ, indexing.PAUSE_ENV: "0.02"}
    runs = [subprocess.Popen([*HANDBOOK, "--root", str(root), "index", *args], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for args in (["--rebuild"], [], ["--rebuild"])]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    with search_engine.searcher(indexing.open_current(root)) as opened:
        assert opened.doc_count() == len(TIPS) + len(THEMES) + 10
    assert indexing.update_index(load_corpus(root)).reindexed == 0


def test_searching_while_updating(root):
    _many_pages(root, 20)
    errors = []

    def search_loop(stop):
        while not stop.is_set():
            try:
                assert "ouders-verbinden" in found_in_open(root)
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

    stop = threading.Event()
    thread = threading.Thread(target=search_loop, args=(stop,))
    thread.start()
    try:
        indexing.update_index(load_corpus(root), rebuild=True)
        indexing.update_index(load_corpus(root))
    finally:
        stop.set()
        thread.join()
    assert errors == []


def found_in_open(root) -> list[str]:
    with search_engine.searcher(indexing.open_current(root)) as opened:
        outcome = searching.search(root, "netwerk", searcher=opened)
    return [Path(r.path).stem for r in outcome.results]


# -- related pages ------------------------------------------------------------------------


def test_related_starts_with_the_pages_own_list(tmp_path):
    pages = dict(TIPS)
    pages["eigen-lijst"] = tip("Met eigen lijst", "Over gezinnen en kinderen.", related=("zin-in-leren",))
    root = write_handbook(tmp_path, pages)
    corpus = load_corpus(root)
    assert related_pages(corpus, corpus.get("eigen-lijst"))[0].slug == "zin-in-leren"


def test_related_comes_from_the_index(tmp_path):
    # Same theme for all: only the text tells which page is about the same thing.
    pages = {
        "moeders-a": tip("Moeders op bezoek", "Moeders gaan bij elkaar op bezoek en praten over opvoeden en kinderen."),
        "moeders-b": tip("Zo bezoeken moeders elkaar", "Bij een bezoek praten moeders over kinderen en het opvoeden thuis."),
        "fiets": tip("Fietsles", "Een fietsles in het park voor volwassenen die nooit leerden fietsen."),
        "koken": tip("Samen koken", "Buurtbewoners koken samen een maaltijd in het buurthuis."),
    }
    root = write_handbook(tmp_path, pages)
    corpus = load_corpus(root)
    assert related_pages(corpus, corpus.get("moeders-a"))[0].slug == "moeders-b"
    # Themes alone cannot tell them apart: every tip shares the theme, ties go by title.
    assert related_pages(corpus, corpus.get("moeders-a"), use_index=False)[0].slug == "fiets"


def test_related_is_the_same_after_updates_as_after_a_rebuild(tmp_path):
    root = write_handbook(tmp_path)
    indexing.update_index(load_corpus(root))
    write(root, "tips/opvoedsteun.md", tip("Steun bij het opvoeden", "Moeders en gezinnen met vragen over kinderen."))
    write(root, "tips/nieuw.md", tip("Nieuwe tip", "Gezinnen in de wijk en hun kinderen."))
    corpus = load_corpus(root)
    indexing.update_index(corpus)
    after_update = {p.slug: [r.slug for r in related_pages(corpus, p)] for p in corpus.published()}
    corpus = load_corpus(root)
    indexing.update_index(corpus, rebuild=True)
    after_rebuild = {p.slug: [r.slug for r in related_pages(corpus, p)] for p in corpus.published()}
    assert after_update == after_rebuild
