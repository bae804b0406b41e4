"""`handbook index` and `handbook search` as a contributor uses them."""

import json

import pytest
from search_pages import write_handbook

from handbook.cli import main


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = write_handbook(tmp_path_factory.mktemp("handbook"))
    assert main(["--root", str(root), "index"]) == 0
    return root


def search(root, capsys, *args):
    code = main(["--root", str(root), "search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_index_prints_a_summary(root, capsys):
    assert main(["--root", str(root), "index"]) == 0
    assert "niets veranderd" in capsys.readouterr().out


def test_index_rebuild(root, capsys):
    assert main(["--root", str(root), "index", "--rebuild"]) == 0
    assert "opgebouwd: 11 pagina's" in capsys.readouterr().out


def test_first_index_says_it_builds(tmp_path, capsys):
    assert main(["--root", str(write_handbook(tmp_path)), "index"]) == 0
    assert "nog geen zoekindex" in capsys.readouterr().err


def test_text_results_with_highlights_and_counts(root, capsys):
    code, out, _ = search(root, capsys, "moeders")
    assert code == 0
    assert "2 resultaten voor 'moeders'" in out
    assert "Per soort: tips 2" in out
    assert "Per thema: opvoeden 1, samen-leren 1" in out
    assert "**moeders**" in out


def test_json_results(root, capsys):
    code, out, _ = search(root, capsys, "netwerk", "--format", "json")
    results = json.loads(out)
    assert code == 0
    assert [r["path"] for r in results] == ["content/tips/ouders-verbinden.md"]
    assert {"path", "title", "type", "score", "snippet"} <= set(results[0])
    assert "**oudernetwerk**" in results[0]["snippet"]


def test_filters(root, capsys):
    _, out, _ = search(root, capsys, "leren", "--type", "theme", "--format", "json")
    assert [r["type"] for r in json.loads(out)] == ["theme"]


def test_limit(root, capsys):
    _, out, _ = search(root, capsys, "moeders", "--limit", "1", "--format", "json")
    assert len(json.loads(out)) == 1


def test_did_you_mean(root, capsys):
    _, out, _ = search(root, capsys, "laaggeletterheid")
    assert out.startswith("Bedoelde je: laaggeletterdheid?")


def test_did_you_mean_in_json_goes_to_stderr(root, capsys):
    _, out, err = search(root, capsys, "laaggeletterheid", "--format", "json")
    assert json.loads(out) and "bedoelde je: laaggeletterdheid?" in err


def test_nothing_found(root, capsys):
    code, out, _ = search(root, capsys, "voetbalvereniging")
    assert code == 0 and "Niets gevonden voor 'voetbalvereniging'" in out


def test_empty_query_is_a_usage_error_in_dutch(root, capsys):
    code, out, err = search(root, capsys)
    assert (code, out) == (2, "")
    assert "de zoekvraag is leeg" in err and "Traceback" not in err


def test_unbalanced_quote(root, capsys):
    code, _, err = search(root, capsys, '"samen leren')
    assert code == 2 and "aanhalingsteken" in err


def test_only_stop_words(root, capsys):
    code, _, err = search(root, capsys, "de", "het")
    assert code == 2 and "geen woorden" in err


def test_limit_must_be_positive(root, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--root", str(root), "search", "wijk", "--limit", "0"])
    assert stop.value.code == 2
    assert "1 of meer" in capsys.readouterr().err


def test_unknown_type_is_refused(root, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--root", str(root), "search", "wijk", "--type", "recept"])
    assert stop.value.code == 2
