"""Personal data never reaches the handbook: it discusses families, never who they are.

Searched in the whole file (front-matter, YAML comments, code blocks too: the
Markdown file itself is public). Each kind has its own rule id, so a report
says what was found; checksums (the eleven test for BSN, mod 97 for IBAN) keep
ordinary numbers from tripping it. Public details of organisations pass only
through the reviewed allow-list (``data/allowlist.yaml``).
"""

from __future__ import annotations

import re

from handbook import allowlist, text_scan
from handbook.problems import error

ID = "personal-data"

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}})"
_SEP = r"(?:\s?[.-]\s?|\s)?"
_POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w-])"
_STREET = (
    r"[A-Z][\w'\u00c0-\u017f-]*?"
    r"(?:straat|laan|weg|plein|kade|singel|gracht|dijk|dreef|steeg|hof|pad|park|markt|ring|wal|baan|plantsoen|erf|haven)"
    r"\s+(?!(?:19|20)\d\d\b)\d{1,4}(?:\s?[a-zA-Z](?![\w])|-\d{1,4})?(?![\w])"
)

# (rule id, pattern, allow-list kind or None), most specific first: a piece of text is
# reported once, by the first pattern that finds it (an IBAN's digits are no phone number).
# Lookbehinds keep a pattern from starting inside a longer number, word, web address or ISBN.
PATTERNS = (
    ("personal-email", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"), "email"),
    ("personal-iban", re.compile(r"(?<![\w-])[Nn][Ll]\s?\d{2}\s?[A-Za-z]{4}(?:\s?\d){10}(?![\w-])"), "iban"),
    ("personal-bsn", re.compile(r"(?<![\w/=.,:-])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\w-]|[.,]\d)"), None),
    (
        "personal-phone",
        re.compile(rf"(?<![\w+/=.,-])(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?|0)[1-9](?:{_SEP}\d){{8}}(?![\w-])"),
        "phone",
    ),
    ("personal-address", re.compile(rf"(?<![\w-])(?:{_STREET}(?:,?\s+{_POSTCODE})?|{_POSTCODE})"), "address"),
    (
        "personal-birthdate",
        re.compile(rf"(?i)\bgeb(?:oren\b|\.|oortedatum\b|oortedag\b)[^\n]{{0,40}}?(?<!\d){_DATE}(?!\d)"),
        None,
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


def findings(text: str):
    """(offset, rule id, matched text) of every piece of personal data in a text."""
    taken: list[tuple[int, int]] = []
    for rule, pattern, kind in PATTERNS:
        for match in pattern.finditer(text):
            value = match.group(0)
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            if rule == "personal-bsn" and not eleven_test(re.sub(r"\D", "", value)):
                continue
            if rule == "personal-iban" and not iban_valid(value):
                continue
            taken.append(match.span())
            if kind and allowlist.allows(kind, value):
                continue
            yield match.start(), rule, value


def check(page, corpus):
    block = text_scan.whole_file(page, corpus)
    for offset, rule, _ in findings(block.text):
        line, column = block.position(offset)
        hint = _ALLOW_HINT if rule in ("personal-email", "personal-phone", "personal-address") else ""
        yield error(
            page.path,
            line,
            column,
            f"{_ADVICE[rule]}{hint}. Maak een gezin altijd onherkenbaar (zie 'Privacy' in de gids voor bijdragers)",
            rule,
        )
