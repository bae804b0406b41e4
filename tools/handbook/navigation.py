"""Navigation that scales: a long section is split into alphabetical groups.

Material renders every item of an expanded section on every page, so a section
of N pages costs N items on each page (quadratic in pages). Groups of at most
``size`` pages are pruned (``navigation.prune``) unless they hold the current
page, so a page renders the group labels plus one group.
"""

from __future__ import annotations

GROUP_SIZE = 50


def _initial(title: str) -> str:
    for char in title:
        if char.isalnum():
            return char.upper()
    return "#"


def alphabetical_groups(titles: list[str], size: int = GROUP_SIZE) -> list[tuple[str, list[int]]]:
    """Split sorted titles into consecutive groups of at most ``size``, each labelled by the
    initials it spans ('A–D'). One group (no split) when the titles fit."""
    if len(titles) <= size:
        return [("", list(range(len(titles))))]
    groups = []
    for start in range(0, len(titles), size):
        members = list(range(start, min(start + size, len(titles))))
        first, last = _initial(titles[members[0]]), _initial(titles[members[-1]])
        groups.append((first if first == last else f"{first}–{last}", members))
    return groups
