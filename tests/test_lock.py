"""Supply chain: every dependency is installed from one lock with hashes, by `make`, CI and the
publish workflow alike; actions are pinned by commit SHA, the test container by digest."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements" / "lock.txt"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def locked() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of every entry of the lock."""
    entries, name = {}, None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)", line)
        if pin:
            name = canonicalize_name(pin.group(1).split("[")[0])
            entries[name] = (pin.group(2), [])
        elif name and (digest := re.search(r"--hash=sha256:([0-9a-f]{64})", line)):
            entries[name][1].append(digest.group(1))
    return entries


def direct_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    found = [Requirement(r) for r in project["project"]["dependencies"]]
    for extra in project["project"].get("optional-dependencies", {}).values():
        found += [Requirement(r) for r in extra]
    found += [Requirement(r) for r in project["build-system"]["requires"]]
    return found


def test_every_locked_package_is_pinned_with_a_hash():
    entries = locked()
    assert len(entries) > 30
    assert [name for name, (_, hashes) in entries.items() if not hashes] == []


def test_the_lock_satisfies_pyproject():
    # Fails when a dependency was added or its range changed without `make lock`.
    entries = locked()
    wrong = []
    for requirement in direct_requirements():
        name = canonicalize_name(requirement.name)
        if name not in entries:
            wrong.append(f"{requirement}: not in {LOCK.name}")
        elif not requirement.specifier.contains(entries[name][0], prereleases=True):
            wrong.append(f"{requirement}: locked at {entries[name][0]}")
    assert wrong == [], "run `make lock`"


def test_setup_and_workflows_install_only_from_the_lock():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(LOCK)" in makefile and "--no-deps --no-build-isolation -e ." in makefile
    for path in WORKFLOWS:
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job.get("steps", []):
                run = step.get("run", "")
                if "pip install" in run:
                    installs = [line for line in run.splitlines() if "pip install" in line]
                    assert all("--require-hashes -r requirements/lock.txt" in line or "--no-deps" in line for line in installs), (path.name, run)


def test_actions_by_sha_and_the_container_by_digest():
    for path in WORKFLOWS:
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            container = job.get("container")
            if container:
                image = container if isinstance(container, str) else container["image"]
                assert re.fullmatch(r"[\w./:-]+@sha256:[0-9a-f]{64}", image), (path.name, image)
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), (path.name, step["uses"])


def test_dependabot_proposes_lock_and_action_updates():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} >= {"pip", "github-actions"}
