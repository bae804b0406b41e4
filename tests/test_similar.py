"""The 'similar' check: a near copy of another page is likely a duplicate contribution."""

from search_pages import tip, write_handbook

from handbook.check.runner import check_corpus
from handbook.content.loader import load_corpus
from handbook.check.rules import similar

STORY = (
    "Moeders uit de buurt gaan een paar keer bij elkaar op bezoek. Ze praten over de opvoeding, "
    "over school en over de kleine zorgen van elke dag. Een buurtmoeder die de wijk goed kent, "
    "begeleidt de eerste bezoeken en helpt als er een vraag is die ze zelf niet kunnen oplossen. "
    "Na een paar maanden kennen de moeders elkaar zo goed dat ze ook zonder hulp afspreken. "
    "Zo groeit een netwerk in de wijk, en voelen ouders zich minder alleen met hun vragen."
)
OTHER = (
    "In het buurthuis koken bewoners eens per maand samen een maaltijd. Iedereen neemt een recept "
    "mee uit de eigen keuken. Tijdens het eten ontstaan gesprekken over werk, geld en gezondheid, "
    "en soms vraagt iemand om hulp bij een brief van de gemeente. Een vrijwilliger houdt de lijst "
    "bij en belt wie een keer niet komt, zodat niemand uit beeld raakt."
)


def warnings(root):
    corpus = load_corpus(root)
    return [p for p in check_corpus(corpus) if p.rule == "similar"]


def test_near_copy_is_reported_on_both_pages_naming_the_other(tmp_path):
    copy = STORY.replace("een paar keer", "enkele keren")
    root = write_handbook(tmp_path, {"origineel": tip("Moeders op bezoek", STORY), "kopie": tip("Bezoek bij moeders", copy)})
    found = warnings(root)
    assert sorted(p.path for p in found) == ["content/tips/kopie.md", "content/tips/origineel.md"]
    assert all(p.level == "warning" for p in found)
    assert "content/tips/origineel.md" in next(p.message for p in found if p.path.endswith("kopie.md"))


def test_different_pages_are_not_reported(tmp_path):
    root = write_handbook(tmp_path, {"a": tip("Moeders op bezoek", STORY), "b": tip("Samen koken", OTHER)})
    assert warnings(root) == []


def test_a_shared_standard_paragraph_is_not_enough(tmp_path):
    root = write_handbook(tmp_path, {"a": tip("Moeders op bezoek", STORY + "\n\n" + OTHER[:120]),
                                     "b": tip("Samen koken", OTHER)})
    assert warnings(root) == []


def test_short_pages_are_never_called_duplicates(tmp_path):
    root = write_handbook(tmp_path, {"a": tip("Kort een", "Vraag het de ouders zelf."),
                                     "b": tip("Kort twee", "Vraag het de ouders zelf.")})
    assert warnings(root) == []


def test_shingles_are_the_same_in_every_run():
    assert similar.shingles(STORY) == similar.shingles(STORY.upper())
    assert len(similar.shingles(STORY)) >= similar.MIN_SHINGLES
