"""The reviewed allow-list of public contact details of organisations.

Personal-data checks refuse e-mail addresses, phone numbers, IBANs and
addresses. A few of them are public details of an organisation (a helpline, a
community centre) and may appear; those pass only when listed in
``data/allowlist.yaml``, each with a reason, so that every exception has been
looked at by a reviewer in a pull request.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache

import yaml

KINDS = ("email", "phone", "iban", "address")


@dataclass(frozen=True)
class Entry:
    kind: str
    value: str
    reason: str


def normalise(kind: str, value: str) -> str:
    """One spelling per detail, so that '010-123 45 67' and '0101234567' are the same number."""
    if kind == "phone":
        digits = re.sub(r"\D", "", value.replace("(0)", ""))
        for prefix in ("0031", "31"):
            if digits.startswith(prefix) and value.lstrip().startswith(("+", "00")):
                digits = "0" + digits[len(prefix) :]
        return digits
    if kind == "email":
        return value.strip().lower()
    return re.sub(r"[^0-9a-z]", "", value.casefold())


def read(text: str) -> tuple[list[Entry], list[str]]:
    """Entries and the (English, for maintainers) reasons an entry was refused."""
    data = yaml.safe_load(text) or {}
    entries, refused = [], []
    for n, item in enumerate(data.get("entries") or [], start=1):
        if not isinstance(item, dict):
            refused.append(f"entry {n} is not a mapping")
            continue
        kind, value, reason = item.get("kind"), item.get("value"), item.get("reason")
        if kind not in KINDS:
            refused.append(f"entry {n}: kind must be one of {', '.join(KINDS)}")
        elif not isinstance(value, str) or not value.strip():
            refused.append(f"entry {n}: value is missing")
        elif not isinstance(reason, str) or len(reason.strip()) < 10:
            refused.append(f"entry {n}: every entry needs a reason (at least a short sentence)")
        else:
            entries.append(Entry(kind, value, reason.strip()))
    return entries, refused


def __getattr__(name: str):
    # importlib.resources is imported only when needed: a check without findings never reads the list.
    if name == "resources":
        from importlib import resources

        return resources
    raise AttributeError(name)


def _list_text() -> str:
    file = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "allowlist.yaml")
    if os.path.isfile(file):
        with open(file, encoding="utf-8") as handle:
            return handle.read()
    from importlib import resources

    return (resources.files("handbook") / "data" / "allowlist.yaml").read_text(encoding="utf-8")


@cache
def entries() -> tuple[Entry, ...]:
    text = _list_text()
    found, _ = read(text)  # refused entries allow nothing; tests keep the shipped file clean
    return tuple(found)


@cache
def _allowed() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for entry in entries():
        table.setdefault(entry.kind, []).append(normalise(entry.kind, entry.value))
    return {kind: tuple(values) for kind, values in table.items()}


def allows(kind: str, value: str) -> bool:
    """True if a found detail is listed. An address passes when it is part of a listed address."""
    wanted = normalise(kind, value)
    listed = _allowed().get(kind, ())
    if kind == "address":
        return any(wanted and wanted in item for item in listed)
    return wanted in listed


def clear_cache() -> None:
    entries.cache_clear()
    _allowed.cache_clear()
