"""Personal data never reaches the handbook: it discusses families, never who they are.

Searched in the whole file (front-matter, YAML comments, code blocks too: the
Markdown file itself is public). Each kind has its own rule id, so a report
says what was found; checksums (the eleven test for BSN, mod 97 for IBAN) keep
ordinary numbers from tripping it. Public details of organisations pass only
through the reviewed allow-list (``data/allowlist.yaml``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from handbook.check import allowlist, text_scan
from handbook.content.problems import error

ID = "personal-data"

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}})"
_SEP = r"(?:\s?[.-]\s?|\s)?"
_POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w-])"
_STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "kade", "singel", "gracht", "dijk", "dreef", "steeg", "hof", "pad",
    "park", "markt", "ring", "wal", "baan", "plantsoen", "erf", "haven",
)


def _mailbox(text: str, start: int) -> int | None:
    """Where the mailbox before an '@' starts, or None if there is none."""
    found = _MAILBOX.search(text, max(0, start - 64), start)
    return found.start() if found else None


_MAILBOX = re.compile(r"[\w.+-]+$")
_YEAR = re.compile(r"(?:19|20)\d\d(?!\w)")


def _street(text: str, start: int) -> int | None:
    """Where the street name before a house number starts ('Dorpsstraat 12'), or None if it is no street."""
    if _YEAR.match(text, start):
        return None  # 'het Zuiderpark 2019' is a park in a year
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if end == start:
        return None
    begin = end
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] in "'-"):
        begin -= 1
    word = text[begin:end]
    if word[:1].isupper() and word.endswith(_STREET_SUFFIXES) and word.lower() not in _STREET_SUFFIXES:
        return begin
    return None


def _nl_and_digit(lowered: str) -> bool:
    """Whether an 'nl' is followed by a digit (after at most one space), as every IBAN's start is.

    'nl' is common in Dutch words; an IBAN scan is a pass of the regex engine over the whole
    text, several times slower than this search for its two letters. \\s and \\d match
    exactly what str.isspace and str.isdecimal accept.
    """
    end = len(lowered)
    at = lowered.find("nl")
    while at >= 0:
        after = at + 2
        if after < end and lowered[after].isspace():
            after += 1
        if after < end and lowered[after].isdecimal():
            return True
        at = lowered.find("nl", at + 1)
    return False


@dataclass(frozen=True)
class Finder:
    """One kind of personal data.

    Every pattern starts with a literal or a plain character class, never a lookbehind:
    only then can the regex engine skip ahead to candidate positions, which makes the
    scan several times faster. What must not come before a match (a letter, a digit,
    part of a web address) is checked afterwards on the few matches there are.
    """

    rule: str
    pattern: re.Pattern
    kind: str | None  # the allow-list kind, or None: never allowed
    not_after: re.Pattern | None = None  # the character before the match must not match this
    head: object = None  # (text, start) -> where the match really starts (a street name, a mailbox), or None: no match
    gate: str = ""  # a text every match contains (lower case): without it, the scan is skipped
    possible: object = None  # (lower-case text) -> False when no match can be in it: the scan is skipped


# Most specific first: a piece of text is reported once, by the first finder that finds it
# (an IBAN's digits are no phone number).
FINDERS = (
    Finder("personal-email", re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"), "email", head=_mailbox, gate="@"),
    Finder(
        "personal-iban",
        re.compile(r"[Nn][Ll]\s?\d{2}\s?[A-Za-z]{4}(?:\s?\d){10}(?![\w-])"),
        "iban",
        re.compile(r"[\w-]"),
        gate="nl",
        possible=_nl_and_digit,
    ),
    Finder(
        "personal-bsn",
        re.compile(r"\d(?:\d{8}|\d{3}\.\d{2}\.\d{3}|\d{2}[ .]\d{3}[ .]\d{3})(?![\w-]|[.,]\d)"),
        None,
        re.compile(r"[\w/=.,:-]"),
    ),
    Finder(
        "personal-phone",
        # +31, 0031 or 0, then nine digits; written with a leading [+0] so that the scan can skip ahead.
        re.compile(
            rf"[+0](?:(?<=\+)31{_SEP}(?:\(0\){_SEP})?|(?<=0)031{_SEP}(?:\(0\){_SEP})?|(?<=0))[1-9](?:{_SEP}\d){{8}}(?![\w-])"
        ),
        "phone",
        re.compile(r"[\w+/=.,-]"),
    ),
    Finder(
        "personal-address",
        # A house number, then maybe a postcode; _street decides whether a street (and no year) it is.
        re.compile(rf"[1-9]\d{{0,3}}(?:\s?[a-zA-Z](?![\w])|-\d{{1,4}})?(?![\w])(?:,?\s+{_POSTCODE})?"),
        "address",
        re.compile(r"[\w-]"),
        head=_street,
    ),
    Finder("personal-address", re.compile(_POSTCODE), "address", re.compile(r"[\w-]")),
    Finder(
        "personal-birthdate",
        re.compile(rf"[Gg][Ee][Bb](?i:oren\b|\.|oortedatum\b|oortedag\b)[^\n]{{0,40}}?(?<!\d)(?i:{_DATE})(?!\d)"),
        None,
        re.compile(r"\w"),
        gate="geb",
    ),
)

_ADVICE = {
    "personal-email": "hier staat een e-mailadres. Zet geen contactgegevens van mensen in het handboek: "
    "noem de rol (bijvoorbeeld 'de wijkcoach') of de organisatie",
    "personal-phone": "hier staat een telefoonnummer. Zet geen telefoonnummers van mensen in het handboek: "
    "noem de rol of de organisatie",
    "personal-bsn": "hier staat iets dat op een burgerservicenummer (BSN) lijkt. Haal het weg: een BSN hoort "
    "nooit in het handboek",
    "personal-iban": "hier staat een bankrekeningnummer (IBAN). Haal het weg",
    "personal-address": "hier staat een adres (straat met huisnummer of postcode). Noem alleen de wijk of de stad, "
    "zoals 'in Crooswijk'",
    "personal-birthdate": "hier staat een geboortedatum. Schrijf hoogstens een leeftijd in grote lijnen, "
    "zoals 'een kind van de basisschool'",
}

_ALLOW_HINT = (
    "; is het een openbaar gegeven van een organisatie, vraag dan een redacteur het met een reden op te nemen in "
    "tools/handbook/data/allowlist.yaml"
)


def eleven_test(digits: str) -> bool:
    """The BSN check: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11 (and the number is not 0)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0


def iban_valid(iban: str) -> bool:
    """The ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 is 1."""
    text = re.sub(r"\s", "", iban).upper()
    moved = text[4:] + text[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return number.isdigit() and int(number) % 97 == 1


class _Taken:
    """Spans already reported, for 'a piece of text is reported once': linear in the findings.

    Spans of earlier finders are kept sorted and disjoint, so one bisection says whether a new
    span overlaps any of them (the one starting last before the new span's end has the largest
    end of those before it). A finder's own matches come in order and may only reach back (a
    street name, a mailbox), so the end of its last kept span is all it needs.
    """

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.new: list[tuple[int, int]] = []  # spans of the running finder, in order
        self.last_end = 0

    def overlaps(self, start: int, end: int) -> bool:
        if self.new and start < self.last_end:
            return True
        at = bisect.bisect_left(self.starts, end) - 1
        return at >= 0 and self.ends[at] > start

    def add(self, start: int, end: int) -> None:
        self.new.append((start, end))
        self.last_end = max(self.last_end, end)

    def next_finder(self) -> None:
        if self.new:  # two sorted runs of disjoint spans: sorted() merges them in linear time
            spans = sorted([*zip(self.starts, self.ends), *self.new])
            self.starts = [a for a, _ in spans]
            self.ends = [b for _, b in spans]
        self.new, self.last_end = [], 0


def findings(text: str):
    """(offset, rule id, matched text) of every piece of personal data in a text, in the finders' order."""
    taken = _Taken()
    lowered = text.lower()
    for finder in FINDERS:
        taken.next_finder()
        if finder.gate not in lowered or (finder.possible is not None and not finder.possible(lowered)):
            continue
        for match in finder.pattern.finditer(text):
            start, end = match.span()
            if finder.not_after and start and finder.not_after.match(text, start - 1):
                continue
            if finder.head:
                # Extend back over the street name or mailbox that the match ends; none: no match.
                start = finder.head(text, start)
                if start is None:
                    continue
            if taken.overlaps(start, end):
                continue
            value = text[start:end]
            if finder.rule == "personal-bsn" and not eleven_test(re.sub(r"\D", "", value)):
                continue
            if finder.rule == "personal-iban" and not iban_valid(value):
                continue
            taken.add(start, end)
            if finder.kind and allowlist.allows(finder.kind, value):
                continue
            yield start, finder.rule, value


# A page full of one kind of detail (a pasted list) would otherwise print a line for each of
# thousands: the first few show where, one more line says how many there are in all.
REPORTED_PER_KIND = 20


def check(page, corpus):
    block = text_scan.whole_file(page, corpus)
    by_rule: dict[str, list[int]] = {}
    for offset, rule, _ in findings(block.text):
        by_rule.setdefault(rule, []).append(offset)
    for rule, offsets in by_rule.items():
        offsets.sort()
        hint = _ALLOW_HINT if rule in ("personal-email", "personal-phone", "personal-address") else ""
        for offset in offsets[:REPORTED_PER_KIND]:
            line, column = block.position(offset)
            yield error(
                page.path,
                line,
                column,
                f"{_ADVICE[rule]}{hint}. Maak een gezin altijd onherkenbaar (zie 'Privacy' in de gids voor bijdragers)",
                rule,
            )
        if len(offsets) > REPORTED_PER_KIND:
            rest = len(offsets) - REPORTED_PER_KIND
            line, column = block.position(offsets[REPORTED_PER_KIND])
            yield error(
                page.path,
                line,
                column,
                f"vanaf hier staat hetzelfde soort gegeven nog {rest:,} keer op deze pagina".replace(",", ".")
                + f" (alleen de eerste {REPORTED_PER_KIND} staan hierboven): {_ADVICE[rule]}",
                rule,
            )
