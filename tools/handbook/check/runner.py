"""Run every rule over the corpus and collect the problems, sorted by position."""

from __future__ import annotations

from pathlib import Path

from handbook.content.loader import Corpus, load_corpus
from handbook.content.problems import Problem, error
from handbook.check.rules import FILE_RULES, LOCAL_RULES, RULES


def check_corpus(corpus: Corpus, only: set[str] | None = None, rules=None, known: dict | None = None) -> list[Problem]:
    """Every problem in the corpus, or in the pages whose paths are in ``only``.

    ``known``: page path -> the problems of the page's own rules (``LOCAL_RULES``) found
    before, for a page whose file has not changed (the check cache); those rules are not
    run again for it. Rules that look at other pages always run.
    """
    problems = [p for p in corpus.problems if only is None or p.path in only]
    for rule in FILE_RULES if rules is None else [r for r in rules if r in FILE_RULES]:
        problems.extend(p for p in rule.check_files(corpus) if only is None or p.path in only)
    for page in corpus.pages:
        if only is not None and page.path not in only:
            continue
        found = known.get(page.path) if known else None
        for rule in [r for r in rules if r not in FILE_RULES] if rules else RULES:
            if found is None or rule not in LOCAL_RULES:
                problems.extend(rule.check(page, corpus))
        if found is not None:
            problems.extend(found)
    return sorted(set(_drop_echoes(problems)))


# A YAML-level problem (a 'no' read as a boolean, a forbidden tag) already explains
# what is wrong at its position; a schema complaint about the same value is noise.
_YAML_FIRST = {"yaml-boolean", "yaml-tag", "yaml-alias"}


def _drop_echoes(problems: list[Problem]) -> list[Problem]:
    explained = {(p.path, p.line, p.column) for p in problems if p.rule in _YAML_FIRST}
    return [p for p in problems if p.rule in _YAML_FIRST or (p.path, p.line, p.column) not in explained]


def select(root: Path, paths: list[str], corpus: Corpus | None = None) -> tuple[set[str], list[Problem]]:
    """Turn command-line paths (files or folders) into the set of page paths to report on.

    A path's last part is not resolved: a symbolic link in content/ is chosen as itself
    (the content-file rule reports it), not as what it points at."""
    root = Path(root).resolve()
    chosen, problems = set(), []
    known = _known_paths(corpus) if corpus is not None else None
    for raw in paths:
        path = Path(raw)
        full = path if path.is_absolute() else Path.cwd() / path
        full = full.parent.resolve() / full.name if full.name not in ("", ".", "..") else full.resolve()
        try:
            rel = full.relative_to(root).as_posix()
        except ValueError:
            problems.append(error(raw, 1, 1, f"'{raw}' ligt buiten het handboek ({root})", "usage"))
            continue
        is_link = full.is_symlink()
        if not is_link and not full.exists():
            problems.append(error(rel, 1, 1, f"'{raw}' bestaat niet", "usage"))
        elif not is_link and full.is_dir() and not full.name.endswith(".md"):
            if known is not None:
                prefix = "" if rel == "." else rel + "/"
                chosen.update(p for p in known if p.startswith(prefix))
            else:
                chosen.update(p.relative_to(root).as_posix() for p in full.rglob("*.md"))
        elif not rel.startswith("content/"):
            problems.append(error(rel, 1, 1, "alleen pagina's in de map content/ worden gecontroleerd", "usage"))
        else:
            chosen.add(rel)
    return chosen, problems


def _known_paths(corpus: Corpus) -> set[str]:
    """Every path the check can report on: pages, images, refused files and unreadable folders."""
    found = set(corpus.files) | {f"content/{rel}" for rel in corpus.images}
    found.update(entry.path for entry in corpus.refused)
    found.update(p.path for p in corpus.problems)
    return found


def run_check(root: Path | str = ".", paths: list[str] | None = None, cache: bool = False) -> list[Problem]:
    """The problems of a handbook; with ``cache``, pages unchanged since the last cached check
    are not read and checked again (``check_cache``)."""
    if cache:
        from handbook.check import cache as check_cache

        corpus, known = check_cache.load(root)
    else:
        corpus, known = load_corpus(root), None
    if not paths:
        return check_corpus(corpus, known=known)
    chosen, problems = select(corpus.root, paths, corpus)
    return sorted(set(problems) | set(check_corpus(corpus, only=chosen, known=known)))
