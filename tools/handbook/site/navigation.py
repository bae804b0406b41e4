"""Navigation that scales: a long section is split into alphabetical groups, and many
groups into groups of groups.

Material renders every item of an expanded section on every page, so a section
of N pages costs N items on each page (quadratic in pages). Groups of at most
``size`` pages are pruned (``navigation.prune``) unless they hold the current
page, so a page renders the group labels plus one group. The labels still grow
with the pages (N / size of them on every page), so when a section has more than
``fan_out`` groups they are gathered into groups of groups, level by level: a page
then renders at most ``fan_out`` labels per level on its own path, and the size of
its navigation grows with the logarithm of the pages, not with the pages.
"""

from __future__ import annotations

GROUP_SIZE = 50
FAN_OUT = 10


def _initial(title: str) -> str:
    for char in title:
        if char.isalnum():
            return char.upper()
    return "#"


def _label(first: str, last: str) -> str:
    first, last = _initial(first), _initial(last)
    return first if first == last else f"{first}–{last}"


def alphabetical_groups(titles: list[str], size: int = GROUP_SIZE) -> list[tuple[str, list[int]]]:
    """Split sorted titles into consecutive groups of at most ``size``, each labelled by the
    initials it spans ('A–D'). One group (no split) when the titles fit."""
    if len(titles) <= size:
        return [("", list(range(len(titles))))]
    groups = []
    for start in range(0, len(titles), size):
        members = list(range(start, min(start + size, len(titles))))
        groups.append((_label(titles[members[0]], titles[members[-1]]), members))
    return groups


def alphabetical_tree(titles: list[str], size: int = GROUP_SIZE, fan_out: int = FAN_OUT) -> list:
    """The groups of ``alphabetical_groups``, gathered into groups of groups while a level has
    more than ``fan_out`` of them. Returns a list of ``(label, members)``, where a member is a
    title's index or another ``(label, members)``; ``[("", [0, 1, ...])]`` when the titles fit
    in one group. Consecutive groups are spread evenly over ceil(n / fan_out) parents."""
    level: list = alphabetical_groups(titles, size)
    while len(level) > fan_out:
        parents = -(-len(level) // fan_out)
        gathered, start = [], 0
        for part in range(parents):
            end = start + len(level) // parents + (1 if part < len(level) % parents else 0)
            children = level[start:end]
            gathered.append((_label(titles[_first(children[0])], titles[_last(children[-1])]), children))
            start = end
        level = gathered
    return level


def _first(group) -> int:
    while not isinstance(group, int):
        group = group[1][0]
    return group


def _last(group) -> int:
    while not isinstance(group, int):
        group = group[1][-1]
    return group
