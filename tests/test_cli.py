"""The command line: formats, exit codes, --root and path selection."""

import json
import subprocess
import sys

from conftest import REPO, TIP, write_tree

from handbook.cli import main


def make_root(tmp_path, extra=None):
    from conftest import BASE_PAGES

    write_tree(tmp_path, {**BASE_PAGES, **(extra or {})})
    return tmp_path


def test_repository_content_is_clean(capsys):
    assert main(["--root", str(REPO), "check"]) == 0, capsys.readouterr().out


def test_exit_1_with_errors_and_text_format(tmp_path, capsys):
    root = make_root(tmp_path, {"tips/fout.md": TIP.replace("thema-b]", "thema-x]")})
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("content/tips/fout.md:4:19: error: thema 'thema-x' bestaat niet")
    assert out[0].endswith("(reference)")
    assert out[-1] == "1 fout, 0 waarschuwingen"


def test_json_format(tmp_path, capsys):
    root = make_root(tmp_path, {"tips/fout.md": TIP.replace("title: Geef een goede tip", "title: [")})
    assert main(["--root", str(root), "check", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems == [
        {
            "path": "content/tips/fout.md",
            "line": 2,
            "column": 8,
            "level": "error",
            "message": problems[0]["message"],
            "rule": "yaml-syntax",
        }
    ]


def test_github_format(tmp_path, capsys):
    root = make_root(tmp_path, {"tips/fout.md": TIP.replace("2024-05-01", "2021-02-30")})
    assert main(["--root", str(root), "check", "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=content/tips/fout.md,line=8,col=10,title=invalid-date::'2021-02-30'")


def test_warnings_do_not_fail(tmp_path, capsys):
    root = make_root(tmp_path, {"tips/later.md": TIP.replace("2024-05-01", "2999-01-01")})
    assert main(["--root", str(root), "check"]) == 0
    assert "(future-date)" in capsys.readouterr().out


def test_paths_select_what_is_reported(tmp_path, capsys, monkeypatch):
    root = make_root(tmp_path, {"tips/fout.md": TIP.replace("thema-b]", "thema-x]"), "tips/goed.md": TIP.replace("Geef een goede tip", "Nog een tip")})
    monkeypatch.chdir(root)
    assert main(["check", "content/tips/goed.md"]) == 0
    assert main(["check", "content/tips"]) == 1
    assert "fout.md" in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path, capsys, monkeypatch):
    root = make_root(tmp_path)
    assert main(["--root", str(tmp_path / "nergens"), "check"]) == 2
    monkeypatch.chdir(root)
    assert main(["check", "content/bestaat-niet.md"]) == 2
    try:
        main(["check", "--format", "xml"])
    except SystemExit as exit:
        assert exit.code == 2
    assert "fout in de opdracht" in capsys.readouterr().err


def test_python_m_handbook_runs_from_the_root():
    result = subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
