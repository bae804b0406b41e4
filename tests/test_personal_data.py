"""The personal-data rule: linear in its findings (F6), bounded output, positions at the file line.

``page(...)`` appends lines to the valid TIP page, so the first appended line is line 13.
"""

import re
import time

from conftest import TIP

from handbook.check.rules import personal_data
from handbook.check.visible_text import visible
from handbook.check.rules.personal_data import REPORTED_PER_KIND, findings


def page(*lines: str) -> str:
    return TIP + "\n".join(lines) + "\n"


def _fastest(action, runs: int = 3) -> float:
    """The fastest of a few runs: the one least slowed by other work on the machine."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def test_a_page_full_of_findings_is_checked_in_linear_time():
    # F6: every finding was compared with every earlier one: 200 kB of postcodes took about 7 s
    # (990 kB: 644 s). Measured against a plain regex pass that yields as many matches over the
    # same text, so that a busy machine slows both: linear, the rule takes about 10 such passes;
    # quadratic, about 500 at this size.
    for unit in ("1234 AB ", "Aastraat 1 "):
        text = "\n".join(unit * 15 for _ in range(200_000 // (15 * len(unit))))
        plain = _fastest(lambda: [(m.start(), m.group()) for m in re.finditer(r"\d+\s?\w*", text)], 5)
        found = list(findings(text))
        seconds = _fastest(lambda: list(findings(text)), 2)
        assert len(found) > 15_000 and seconds < 100 * plain, (unit, len(found), seconds, plain)


def test_white_space_is_made_visible_in_linear_time():
    # Every indented line starts a run of white space; each run is looked at up to its second
    # line break, not to the end of the page (which was quadratic on a page of white space).
    for text in ("1" + "\n " * 20_000, "1" + " \n" * 20_000, "1  " * 15_000):
        # More runs than the test above: these passes take milliseconds, so one preemption on a
        # busy machine could otherwise decide the ratio.
        plain = _fastest(lambda: [m.group() for m in re.finditer(r"\s", text)], 5)
        seconds = _fastest(lambda: visible(text), 5)
        assert seconds < 30 * plain, (text[:6], seconds, plain)


def test_a_finding_inside_an_earlier_one_is_reported_once():
    # An IBAN's digits are no phone number; the e-mail's mailbox reaches back over an earlier address.
    assert [rule for _, rule, _ in findings("NL91ABNA0417164300")] == ["personal-iban"]
    assert [rule for _, rule, _ in findings("a@b.nl@c.nl")] == ["personal-email"]
    assert [(o, r) for o, r, _ in findings("Dorpsstraat 12, 1234 AB en 3034 XB")] == [(0, "personal-address"), (27, "personal-address")]


def test_many_findings_of_a_kind_give_the_first_few_and_one_summary(check_page):
    line = "1234 AB " * (REPORTED_PER_KIND + 5)
    expected = {f"p{n}": (13, 1 + 8 * n, "personal-address") for n in range(REPORTED_PER_KIND + 1)}
    found = check_page(page(line), **expected)
    summary = max(found, key=lambda p: p.column)
    assert "nog 5 keer" in summary.message and "Noem alleen de wijk" in summary.message


def test_summary_is_counted_per_kind(check_page):
    many = " ".join(["06-12345678"] * (REPORTED_PER_KIND + 2))
    found = check_page(page("Mail jan@example.nl.", many), **{
        "mail": (13, 6, "personal-email"),
        **{f"p{n}": (14, 1 + 12 * n, "personal-phone") for n in range(REPORTED_PER_KIND + 1)},
    })
    assert sum("nog 2 keer" in p.message for p in found) == 1
    assert personal_data.REPORTED_PER_KIND == 20


# --- F7: positions of what the browser shows, in the file ------------------


def test_evasions_are_reported_at_their_place_in_the_file(check_page):
    check_page(page("Bel 06&#45;12345678 of mail jan&#64;example.nl."), p1=(13, 5, "personal-phone"), p2=(13, 29, "personal-email"))
    check_page(page("Eerst **dit**: bel 06-**1234**5678."), p1=(13, 20, "personal-phone"))
    check_page(page("Bel 06-1234\u200b5678 of 06-1234", "    5678."), p1=(13, 5, "personal-phone"), p2=(13, 21, "personal-phone"))
    check_page(page("Een regel.", "", "Het gezin woont aan de Grote Markt 5."), p1=(15, 24, "personal-address"))
    check_page(page("De moeder van Fatima (8 jaar) belde."), p1=(13, 15, "personal-name"))


def test_front_matter_is_read_as_decoded_values(check_page):
    escaped = 'description: "Mail jan\\x40example.nl, met een beschrijving die lang genoeg is."'
    check_page(TIP.replace(TIP.split("\n")[2], escaped), p1=(3, 14, "personal-email"))
    unicode = 'description: "Bel 06-1234567\\u0038, met een beschrijving die lang genoeg is."'
    check_page(TIP.replace(TIP.split("\n")[2], unicode), p1=(3, 14, "personal-phone"))
    folded = "description: >\n  Bel 06-1234\n  5678, met een beschrijving die lang genoeg is."
    check_page(TIP.replace(TIP.split("\n")[2], folded), p1=(4, 7, "personal-phone"))


def test_messages_say_how_to_write_it_anonymously(check_page):
    (problem,) = check_page(page("Daan (4) huilt."), p1=(13, 1, "personal-name"))
    assert "een jongen van 4" in problem.message and "Daan" not in problem.message


# --- the visible text maps back to the file ----------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(["0", "6", "-", " ", "  ", "\n", "\n  ", "\n\n", "*", "**", "_", "`", "\\-", "\\x",
                           "&#45;", "&#64;", "&amp;", "&bogus;", "\u200b", "\u00ad", "a", "@", "é", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_every_visible_character_comes_from_the_file_in_order(source):
    shown = visible(source)
    origins = [shown.origin(i) for i in range(len(shown.text))]
    assert origins == sorted(origins) and all(0 <= o < max(len(source), 1) for o in origins)
    for i, o in enumerate(origins):
        # A character the browser shows as it is stands at its place in the file; a line break
        # may be shown as a space; what was decoded or joined points at where that piece starts.
        kept = shown.text[i] == source[o] or (shown.text[i] == " " and source[o] in " \t\n")
        assert kept or source[o] in "&\\" or source[o].isdigit() or source[o] in "-."
