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

from handbook.check import allowlist, dutch_words, text_scan, visible_text
from handbook.content.problems import error

ID = "personal-data"

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_MONTH = rf"(?:{_MONTHS})\.?(?!\w)"
_DAY_MONTH = rf"\d{{1,2}}\s+{_MONTH}"
_DATE = (
    rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:{_DAY_MONTH}|{_MONTH})\s+(?:19|20)\d\d|{_DAY_MONTH})"
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen, non-breaking hyphen, figure dash, en and em dash, minus
_SEP = rf"(?:\s?[.\-/{_DASHES}]\s?|\s)?"
_POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Za-z]{2}(?![\w-])"

# Two letters after four digits that are a word, a unit or an abbreviation ('1500 ML water',
# 'In 2021 OK', 'in 2020 en'), not the letters of a postcode.
_NOT_POSTCODE_LETTERS = frozenset(
    "en in op of is te om al na nu zo ze we je er de ik uw af ja he eh oh bv nv ca nr vs km cm mm ml cl dl "
    "kg mg gr pm am ok st lt ha kb mb gb tb hz kw mw gw ct tv cd pc nl eu id ms hp ps".split()
)
_STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "kade", "singel", "gracht", "dijk", "dreef", "steeg", "hof", "pad",
    "park", "markt", "ring", "wal", "baan", "plantsoen", "erf", "haven", "steiger", "burgwal", "dam", "veld",
)
# Written before a street name: 'Grote Markt 5', 'Oude Gracht 12'.
_STREET_ADJECTIVES = frozenset("grote kleine oude nieuwe lange korte hoge lage oost west noord zuid".split())
_NUMBER_WORDS = frozenset(("nr", "nr.", "no", "no.", "nummer", "huisnummer"))


def _mailbox(text: str, start: int) -> int | None:
    """Where the mailbox before an '@' starts, or None if there is none."""
    found = _MAILBOX.search(text, max(0, start - 64), start)
    return found.start() if found else None


_MAILBOX = re.compile(r"[\w.+-]+$")
_YEAR = re.compile(r"(?:19|20)\d\d(?!\w)")


def _word_before(text: str, end: int) -> tuple[int, int]:
    """(start, end) of the word that ends at ``end`` after spaces or tabs; start == end: none."""
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if end and text[end - 1] == "." and text[max(0, end - 3) : end].lower() not in ("nr.", "no."):
        return end, end  # a sentence ends here ('de leerkring. 4. Sluit af'): no word runs into the number
    begin = end
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] in "'’-."):
        begin -= 1
    while begin < end and text[begin] in ".-":
        begin += 1
    return begin, end


def _street_word(word: str) -> bool:
    """A one-word street by its ending: 'Dorpsstraat', 'hoofdstraat', 'Kade'; not 'vergadering', 'loopbaan'."""
    lowered = word.lower().rstrip(".")
    if not lowered.endswith(_STREET_SUFFIXES) or lowered in dutch_words.not_streets():
        return False
    if lowered.endswith("ring") and (lowered[-5:-4] in "aeiouy" or lowered.endswith("kring")):
        return False  # 'vergadering', 'ervaring', 'leerkring': nouns, not a Ring
    if word[:1].isupper():
        return True
    # Lower case only as a compound ('hoofdstraat'), never the bare word ('de weg 2 keer').
    return not lowered.endswith(("dam", "veld", "hof", "erf", "pad", "wal", "weg")) and lowered not in _STREET_SUFFIXES


def _street(text: str, start: int) -> int | None:
    """Where the street name before a house number starts, or None if no street comes before it.

    'Dorpsstraat 12', 'hoofdstraat 12', 'Grote Markt 5', 'Hoofdstraat nr. 12', and street names
    of the Dutch address register without a street ending ('Dam 1', 'Laan van Meerdervoort 50').
    """
    if _YEAR.match(text, start):
        return None  # 'het Zuiderpark 2019' is a park in a year
    begin, end = _word_before(text, start)
    if begin == end or end == start:
        return None
    if text[begin:end].lower() in _NUMBER_WORDS:  # 'Hoofdstraat nr. 12'
        begin, end = _word_before(text, begin)
        if begin == end:
            return None
    words = [(begin, end)]
    for _ in range(3):  # the register's longest names that matter here have four words
        before = _word_before(text, words[-1][0])
        if before[0] == before[1] or before[1] - before[0] > 40:
            break
        words.append(before)
    last = text[begin:end]
    if _street_word(last):
        start_at = begin
        if len(words) > 1 and text[words[1][0] : words[1][1]].lower() in _STREET_ADJECTIVES and text[words[1][0]].isupper():
            start_at = words[1][0]  # 'Grote Markt 5'
        return start_at
    if not last[:1].isupper():
        return None
    for count in range(len(words), 0, -1):  # the longest name first: 'Laan van Meerdervoort'
        first = words[count - 1][0]
        name = text[first:end]
        if name[:1].isupper() and dutch_words.is_street(name):
            return first
    return None


def _first_name(text: str, start: int) -> int | None:
    """Where the first name before an age starts ('Fatima (8 jaar)'), or None if no first name comes before it."""
    begin, end = _word_before(text, start)
    if begin == end or not text[begin].isupper():
        return None
    return begin if dutch_words.is_first_name(text[begin:end]) else None


_LINKS = re.compile(r"(?:,|[ \t](?:van|is|wordt|werd))[ \t]*$")


def _first_name_then_age(text: str, start: int) -> int | None:
    """Where the first name before ', 6 jaar' or ' van 9 jaar' starts, or None."""
    link = _LINKS.search(text, max(0, start - 10), start)
    return _first_name(text, link.start()) if link else None


def _phone_valid(value: str) -> bool:
    # '(010) 123 45 67': a bracket only around the area code, and closed.
    opened = value.startswith("(")
    return opened == (")" in value) or value.startswith(("+", "00")) and "(0)" in value


def _postcode_valid(value: str) -> bool:
    letters = value[-2:]
    return letters.lower() not in _NOT_POSTCODE_LETTERS


def _nl_and_digit(lowered: str) -> bool:
    """Whether an 'nl' is followed by a digit (after at most one space or hyphen), as every IBAN's start is.

    'nl' is common in Dutch words; an IBAN scan is a pass of the regex engine over the whole
    text, several times slower than this search for its two letters. \\s and \\d match
    exactly what str.isspace and str.isdecimal accept.
    """
    end = len(lowered)
    at = lowered.find("nl")
    while at >= 0:
        after = at + 2
        if after < end and (lowered[after].isspace() or lowered[after] == "-"):
            after += 1
        if after < end and lowered[after].isdecimal():
            return True
        at = lowered.find("nl", at + 1)
    return False


def eleven_test(digits: str) -> bool:
    """The BSN check: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11 (and the number is not 0)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0


def iban_valid(iban: str) -> bool:
    """The ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 is 1."""
    text = re.sub(r"[\s-]", "", iban).upper()
    moved = text[4:] + text[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return number.isdigit() and int(number) % 97 == 1


def _bsn_valid(value: str) -> bool:
    return eleven_test(re.sub(r"\D", "", value))


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
    valid: object = None  # (matched text) -> False when it is no such detail after all (a checksum, a unit)


_AGE = r"\d{1,2}(?:[ \t]*(?:jaar|jr\.?|maanden|mnd\.?))"

# Most specific first: a piece of text is reported once, by the first finder that finds it
# (an IBAN's digits are no phone number).
FINDERS = (
    Finder("personal-email", re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"), "email", head=_mailbox, gate="@"),
    Finder(
        "personal-iban",
        re.compile(r"[Nn][Ll][\s-]?\d{2}[\s-]?[A-Za-z]{4}(?:[\s-]?\d){10}(?![\w-])"),
        "iban",
        re.compile(r"[\w-]"),
        gate="nl",
        possible=_nl_and_digit,
        valid=iban_valid,
    ),
    Finder(
        "personal-bsn",
        # Nine digits, whole or in groups: 123456782, 1234.56.782, 123 456 782, 12 34 56 782.
        re.compile(r"\d(?:\d{8}|\d{3}\.\d{2}\.\d{3}|\d{2}([ .-])\d{3}\1\d{3}|\d([ .-])\d{2}\2\d{2}\2\d{3})(?![\w-]|[.,]\d)"),
        None,
        re.compile(r"[\w/=.,:-]"),
        valid=_bsn_valid,
    ),
    Finder(
        "personal-phone",
        # +31, 0031, (0 or 0, then nine digits; written with a leading [+0(] so that the scan can skip ahead.
        # A bracket may close the area code: '(010) 123 45 67'; _phone_valid checks it was opened.
        re.compile(
            rf"[+0(](?:(?<=\+)31{_SEP}(?:\(0\){_SEP})?|(?<=0)031{_SEP}(?:\(0\){_SEP})?|(?<=0)|(?<=\()0)"
            rf"[1-9](?:\)?{_SEP}\d){{8}}(?![\w/{_DASHES}-])"
        ),
        "phone",
        re.compile(r"[\w+/=.,-]"),
        valid=_phone_valid,
    ),
    Finder(
        "personal-address",
        # A house number, then maybe a postcode; _street decides whether a street (and no year) it is.
        re.compile(rf"[1-9]\d{{0,3}}(?:\s?(?:bis|hs|[a-zA-Z])(?![\w])|-\d{{1,4}})?(?![\w])(?:,?\s+{_POSTCODE})?"),
        "address",
        re.compile(r"[\w-]"),
        head=_street,
    ),
    Finder("personal-address", re.compile(_POSTCODE), "address", re.compile(r"[\w-]"), valid=_postcode_valid),
    Finder(
        "personal-birthdate",
        # 'geboren op 3 maart 2015', 'geb. 12-03-2015', 'geb 03.03.2015', 'geboren in maart 2015'
        re.compile(rf"[Gg][Ee][Bb](?i:oren\b|\.|oortedatum\b|oortedag\b|\b)[^\n]{{0,40}}?(?<!\d)(?i:{_DATE})(?!\d)"),
        None,
        re.compile(r"\w"),
        gate="geb",
    ),
    Finder(
        "personal-birthdate",
        # The date first: 'op 3 maart 2015 geboren', '3 maart 2015 is Sara geboren'.
        re.compile(rf"(?i:{_DATE})(?:[ \t]+[\w'’-]+){{0,3}}?[ \t]+(?i:geboren)\b"),
        None,
        re.compile(r"[\w/.-]"),
        gate="geboren",
    ),
    Finder(
        "personal-birthdate",
        # A birthday without a year: 'verjaardag op 3 maart', 'is jarig op 12-5'.
        re.compile(rf"[VvJj](?i:erjaardag|arig)\b[^\n.;!?]{{0,30}}?(?<!\d)(?i:{_DAY_MONTH}|\d{{1,2}}[-/.]\d{{1,2}}(?![\d]))"),
        None,
        re.compile(r"\w"),
        possible=lambda lowered: "jarig" in lowered or "verjaardag" in lowered,
    ),
    Finder(
        "personal-name",
        # A first name with an age in brackets: 'Fatima (8 jaar)', 'Daan (4)', 'Emma (3 maanden)'.
        re.compile(rf"\([ \t]*(?:{_AGE}|\d{{1,2}})(?:[ \t]+oud)?[ \t]*\)"),
        None,
        head=_first_name,
        gate="(",
    ),
    Finder(
        "personal-name",
        # A first name, then the age: 'Sem, 6 jaar', 'Noor van 9 jaar', 'Lotte is 7 jaar'.
        re.compile(rf"{_AGE}(?!\w)"),
        None,
        re.compile(r"\w"),
        head=_first_name_then_age,
        possible=lambda lowered: "jaar" in lowered or "jr" in lowered or "maand" in lowered or "mnd" in lowered,
    ),
)

_ADVICE = {
    "personal-email": "hier staat een e-mailadres. Zet geen contactgegevens van mensen in het handboek: "
    "noem de rol (bijvoorbeeld 'de wijkcoach') of de organisatie",
    "personal-phone": "hier staat een telefoonnummer. Zet geen telefoonnummers van mensen in het handboek: "
    "noem de rol of de organisatie",
    "personal-bsn": "hier staat iets dat op een burgerservicenummer (BSN) lijkt. Haal het weg: een BSN hoort "
    "nooit in het handboek",
    "personal-iban": "hier staat een bankrekeningnummer (IBAN). Haal het weg; schrijf hoogstens 'de rekening van de stichting'",
    "personal-address": "hier staat een adres (straat met huisnummer of postcode). Noem alleen de wijk of de stad, "
    "zoals 'in Crooswijk'",
    "personal-birthdate": "hier staat een geboortedatum. Schrijf hoogstens een leeftijd in grote lijnen, "
    "zoals 'een kind van de basisschool'",
    "personal-name": "hier staat de voornaam van een kind (of iemand anders) met een leeftijd. Schrijf 'een meisje "
    "van 8' of 'een jongen van 4' in plaats van naam en leeftijd",
}

_ALLOW_HINT = (
    "; is het een openbaar gegeven van een organisatie, vraag dan een redacteur het met een reden op te nemen in "
    "tools/handbook/data/allowlist.yaml"
)


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
            if finder.valid is not None and not finder.valid(value):
                continue
            taken.add(start, end)
            if finder.kind and allowlist.allows(finder.kind, value):
                continue
            yield start, finder.rule, value


# A page full of one kind of detail (a pasted list) would otherwise print a line for each of
# thousands: the first few show where, one more line says how many there are in all.
REPORTED_PER_KIND = 20


def rules_in(text: str) -> list[str]:
    """The rule ids of what a text holds as a reader sees it, in the order of the text (for tests and tools)."""
    return [rule for _, rule, _ in sorted(findings(visible_text.visible(text).text))]


def _strings(value, path: tuple = ()):
    """(path, text) of every string in decoded front-matter, paths as the loader keys positions."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _strings(item, path + (n,))


def _same(rule: str, value: str) -> tuple[str, str]:
    return rule, re.sub(r"[\W_]", "", value.casefold())


def _hidden_in_front_matter(page, text: str):
    """(rule, value, (line, column)) of what decoded front-matter values hold and the file's text hides.

    A value that stands in the file as it is (plain, or in quotes) was searched with the file's
    text; only the others (with '\\x40' or '\\u0032' escapes) are searched again, all at once,
    and each finding is reported at its value's position.
    """
    end = len(page.head) if getattr(page, "head", None) is not None else len(text)
    if "\\" not in text[:end]:
        # Without a backslash escape, a value is in the file as the browser shows it: plain,
        # quoted, or folded over lines that the file's own visible text joins the same way.
        return
    line_starts = [0] + [m.end() for m in re.finditer("\n", text[:end])]
    paths, values = [], []
    for path, value in _strings(page.meta):
        line, column = page.values.get(path, (0, 0))
        if 0 < line <= len(line_starts):
            at = line_starts[line - 1] + column - 1
            if text.startswith(value, at) or text.startswith(value, at + 1):
                continue  # as it stands in the file
        paths.append(path)
        values.append(value)
    if not values:
        return
    starts, length = [], 0
    for value in values:
        starts.append(length)
        length += len(value) + 2
    shown = visible_text.visible("\n\n".join(values))
    for offset, rule, value in findings(shown.text):
        path = paths[bisect.bisect_right(starts, shown.origin(offset)) - 1]
        yield rule, value, tuple(page.values.get(path, (1, 1)))


def found_on_page(page, corpus) -> dict[str, tuple[list[tuple[int, int]], int]]:
    """Per rule, the first (line, column)s (at most REPORTED_PER_KIND + 1) and how many there are in all.

    Searched: the file's text as the browser shows it, and the decoded front-matter values
    (where '\\x40', '\\u0032' or a folded scalar hide a detail from the file's text); a value
    found in both counts once.
    """
    block = text_scan.whole_file(page, corpus)
    shown = visible_text.visible(block.text)
    offsets: dict[str, list[int]] = {}
    seen = set()
    for offset, rule, value in findings(shown.text):
        offsets.setdefault(rule, []).append(shown.origin(offset))
        seen.add(_same(rule, value))
    decoded: dict[str, list[tuple[int, int]]] = {}
    for rule, value, where in _hidden_in_front_matter(page, block.text):
        if _same(rule, value) not in seen:
            seen.add(_same(rule, value))
            decoded.setdefault(rule, []).append(where)
    found = {}
    for rule in {**offsets, **decoded}:
        where = sorted(offsets.get(rule, ()))
        # Only the reported ones need a line and column (each is a count over the text).
        positions = [block.position(o) for o in where[: REPORTED_PER_KIND + 1]] + decoded.get(rule, [])
        found[rule] = (sorted(positions)[: REPORTED_PER_KIND + 1], len(where) + len(decoded.get(rule, ())))
    return found


def check(page, corpus):
    for rule, (positions, count) in found_on_page(page, corpus).items():
        hint = _ALLOW_HINT if rule in ("personal-email", "personal-phone", "personal-address") else ""
        for line, column in positions[:REPORTED_PER_KIND]:
            yield error(
                page.path,
                line,
                column,
                f"{_ADVICE[rule]}{hint}. Maak een gezin altijd onherkenbaar (zie 'Privacy' in de gids voor bijdragers)",
                rule,
            )
        if count > REPORTED_PER_KIND:
            line, column = positions[REPORTED_PER_KIND]
            yield error(
                page.path,
                line,
                column,
                f"vanaf hier staat hetzelfde soort gegeven nog {count - REPORTED_PER_KIND:,} keer op deze pagina".replace(",", ".")
                + f" (alleen de eerste {REPORTED_PER_KIND} staan hierboven): {_ADVICE[rule]}",
                rule,
            )
