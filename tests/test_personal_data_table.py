"""The personal-data rule on Dutch sentences: what it must find, and what it must leave alone.

One row a sentence: the rule ids expected (comma-separated, in order of the text), or '-' for
none, then '|' and the sentence. Escapes as in Python ('\\u200b', '\\n') are decoded. The
sentences are made up; they show the forms of the security review (F7) and ordinary sentences
of this handbook, which must stay clean.
"""

import re

import pytest

from handbook.check import dutch_words
from handbook.check.rules.personal_data import rules_in

TABLE = r"""
# --- e-mail
personal-email      | Mail naar jan.jansen@example.nl voor meer.
personal-email      | Schrijf naar <moeder_x+wijk@gmail.com>.
personal-email      | Zijn adres is p.de.vries@hotmail.com, zei hij.
personal-email      | Contact: SARA@VOORBEELD.NL
personal-email      | Mail jan&#64;example.nl voor een afspraak.
personal-email      | Mail jan&#x40;example.nl voor een afspraak.
personal-email      | Mail jan&commat;example.nl voor een afspraak.
personal-email      | Mail naar *jan*@example.nl.
-                   | Op het forum heet ze @moeder_van_drie.
-                   | Het @-teken staat niet in een naam.
-                   | Zie https://example.org/contact voor meer.
-                   | Mail de wijkcoach via het formulier van de organisatie.
# --- phone
personal-phone      | Bel 06-12345678.
personal-phone      | Bel 06 12 34 56 78 na vijf uur.
personal-phone      | Bel 0612345678.
personal-phone      | Bel +31 6 12345678.
personal-phone      | Bel +31 (0)6 1234 5678.
personal-phone      | Bel 0031 10 1234567.
personal-phone      | Bel 010-1234567.
personal-phone      | Bel 050 123 4567.
personal-phone      | Bel (010) 123 45 67 voor een afspraak.
personal-phone      | Bel (06) 12345678.
personal-phone      | Bel 06–12345678.
personal-phone      | Bel 06—12345678.
personal-phone      | Bel 06/12345678.
personal-phone      | Bel 06 - 12 34 56 78.
personal-phone      | Bel 06.12.34.56.78 als het kan.
personal-phone      | Bel 06&#45;12345678.
personal-phone      | Bel 06&#8209;12345678.
personal-phone      | Bel 06-**1234**5678.
personal-phone      | Bel 06-\u200b12345678.
personal-phone      | Bel 06-1234\u200b5678.
personal-phone      | Bel 06-1234\n    5678 gerust.
personal-phone      | Bel 06-1234\n5678 gerust.
personal-phone      | Bel 06\\-12345678.
personal-phone      | Bel 020 - 123 45 67.
-                   | In 2019-2022 kwamen 120 ouders.
-                   | Het project kostte 0,5 miljoen; tel 1 2 3.
-                   | Zie https://example.org/0101234567.
-                   | Van 01-01-2020 tot 31-12-2021 liep het project.
-                   | Van 01/02/2023 tot 03/04/2024 liep het project.
-                   | Het kostte 0,12345678 euro per ouder.
-                   | Bel 0800-1234 niet: het is geen nummer.
-                   | We telden 06 ouders en 12 kinderen.
# --- BSN
personal-bsn        | Haar BSN is 111222333.
personal-bsn        | BSN: 1112.22.333
personal-bsn        | BSN 123 456 782 staat op de brief.
personal-bsn        | BSN 12 34 56 782 staat op de brief.
personal-bsn        | Het nummer 123.456.708 hoort bij het kind.
personal-bsn        | Burgerservicenummer 987-654-305.
-                   | Het register telt 123456789 regels.
-                   | Het nummer 12 34 56 789 klopt niet.
-                   | Het boek heeft ISBN 978-90-5830-743-9.
-                   | De gemeente gaf 111.222.334 euro uit.
-                   | Er kwamen 123 456 mensen.
# --- IBAN
personal-iban       | Maak over op NL91 ABNA 0417 1643 00.
personal-iban       | Maak over op NL91ABNA0417164300.
personal-iban       | Maak over op NL91-ABNA-0417-1643-00.
personal-iban       | Rekening nl44rabo0123456789 van de familie.
personal-iban       | IBAN: NL20 INGB 0001 2345 67.
-                   | Code NL92ABNA0417164300 is geen rekening.
-                   | Het nlnetwerk telt 3000 leden.
-                   | In NL 20 gemeenten deden mee.
# --- address
personal-address    | Ze woont op Dorpsstraat 12, 1234 AB Utrecht.
personal-address    | Het gezin woont aan de Kleiweg 5a.
personal-address    | Postcode 3034 XB hoort erbij.
personal-address    | Postcode 1234 ab hoort erbij.
personal-address    | Ze woont in 3011 ab Rotterdam.
personal-address    | Ze woont aan de Laan van Meerdervoort 50.
personal-address    | Ze woont op de Dam 1.
personal-address    | Het gezin woont aan de Grote Markt 5.
personal-address    | Hij woont aan de Boompjes 40.
personal-address    | Ze wonen aan de Kade 12.
personal-address    | Adres: Hoofdstraat nr. 12.
personal-address    | Adres: Hoofdstraat nummer 12.
personal-address    | ze woont op de hoofdstraat 12.
personal-address    | Ze woont aan de Oudegracht 140bis.
personal-address    | Ze woont aan de Coolsingel 40.
personal-address    | Ze woont aan de Blaak 16.
personal-address    | Ze woont op Rokin 75.
personal-address    | Ze woont aan de Oude Gracht 12.
personal-address    | Ze woont aan het Spui 21.
personal-address    | Ze woont aan de Noorderhaven 3.
personal-address    | Ze woont op de Burgwal 7-2.
personal-address    | Ze woont op Dorps&shy;straat 12.
personal-address    | Ze woont op Dorpsstraat 1**2**.
-                   | We gebruikten 1500 ML water.
-                   | In 2021 OK gevonden.
-                   | In 2021 en 2022 kwamen 120 ouders.
-                   | In 2020 is het project begonnen.
-                   | Groep 7 en groep 8 deden mee.
-                   | Stap 2 komt na stap 1.
-                   | De vergadering 3 weken later ging over geld.
-                   | Na de ervaring 2 jaar geleden wilde ze niet meer.
-                   | We liepen door de Dorpsstraat en het Zuiderpark in 2019.
-                   | Het gebeurde in Deel 2 van het rapport.
-                   | Lees Hoofdstuk 3 en Bijlage 2.
-                   | Het werkveld 2 keer per jaar bij elkaar.
-                   | Haar loopbaan 20 jaar lang in de zorg.
-                   | Het duurde 1200 km en 1500 ml water.
-                   | Tip 3: vraag wat ouders zelf willen.
-                   | Ronde 2 duurt 15 minuten.
-                   | In Crooswijk kwamen 40 ouders.
# --- birth date
personal-birthdate  | Sara is geboren op 12 maart 2015.
personal-birthdate  | Kind (geb. 12-03-2015) speelt buiten.
personal-birthdate  | Geboortedatum: 2015-03-12
personal-birthdate  | Geboren 1 mei 2016 in Rotterdam.
personal-birthdate  | Sara is op 3 maart 2015 geboren.
personal-birthdate  | 3 maart 2015 is Sara geboren.
personal-birthdate  | Ze is geboren in maart 2015.
personal-birthdate  | Kind (geb 03.03.2015) speelt buiten.
personal-birthdate  | Geb. 3-3-15, meisje.
personal-birthdate  | Haar verjaardag is op 3 maart.
personal-birthdate  | Hij is jarig op 12-5.
personal-birthdate  | Geboortedag: 4 juli.
personal-birthdate  | Ze is geboren op 3 mrt. 2015.
personal-birthdate  | Ze is op 12-03-2015 in het ziekenhuis geboren.
personal-birthdate  | Geboren in jan 2016.
-                   | De roadshow was op 12 maart 2015; kinderen geboren in de wijk kwamen ook.
-                   | Kinderen die in 2015 zijn geboren gaan nu naar groep 8.
-                   | Op 3 maart 2015 kwamen 30 ouders en kinderen bij elkaar.
-                   | De verjaardag van het buurthuis vieren we elk jaar.
-                   | Ze is in de wijk geboren en getogen.
-                   | Een geboren verteller, zei de trainer.
-                   | Het onderzoek uit 2016 keek naar geboortecijfers.
-                   | Wie jarig is trakteert.
# --- first name with an age
personal-name       | Fatima (8 jaar) speelt buiten.
personal-name       | Daan (4) huilt.
personal-name       | Sem, 6 jaar, wil niet naar school.
personal-name       | Noor van 9 jaar zit in groep 6.
personal-name       | Mohammed (12 jr) helpt zijn moeder.
personal-name       | Het gaat om Emma (3 maanden).
personal-name       | Lotte is 7 jaar en speelt viool.
personal-name       | Daan en Fatima (8 jaar) spelen samen.
personal-name       | Ayoub (10 jaar oud) doet mee.
personal-name       | De moeder van Yasmina (5) belde.
-                   | Een meisje van 8 speelt buiten.
-                   | Een jongen van 4 huilt.
-                   | Peuters (2-4 jaar) en kinderen (4 jaar) spelen.
-                   | Volgens Verhoef (2019) werkt het.
-                   | Methode (4) en Thema (2) staan in de lijst.
-                   | Broer (8 jaar) en zus (5 jaar) spelen buiten.
-                   | Ouders, 30 jaar lang, kwamen elke week.
-                   | In Rotterdam, 12 jaar geleden, begon het.
-                   | Daarna, 2 jaar later, stopte het project.
-                   | Stap (4) is de laatste.
-                   | Het project van 3 jaar liep goed.
-                   | Jeannette Doornenbal (2019) sprak met ouders.
# --- ordinary sentences of the handbook
-                   | Het project liep van 2020 tot 2022.
-                   | Een onderzoek uit 2016 keek hoe die samenwerking eruit kan zien.
-                   | Ontmoetingsplekken in Groningen en Drenthe (interview uit 2019).
-                   | De tijden zijn een suggestie voor een bespreking van ongeveer 75 minuten.
-                   | 3. **Informatie geven (5 minuten).** De vrager vertelt wat nodig is.
-                   | 4. **Roddelen (15 tot 20 minuten).** De groep praat over de situatie.
-                   | Het project bereikte 60 ouders in Crooswijk.
-                   | Onderzoeksrapport uit 1997 over Wij Moeders in Deventer.
-                   | Voetbalclub CSV'28 deed mee.
-                   | Dat betekent: in regel 4, vanaf teken 9, staat een thema dat niet bestaat.
-                   | Schrijf de datum zoals `2024-03-15`.
-                   | Open in je browser het adres http://127.0.0.1:8000/.
-                   | Het boek (ISBN 978-90-5830-743-9) kost 25 euro.
-                   | Bied structuur: 1 vaste dag, 2 vaste tijden en 3 vaste gezichten.
-                   | Rond 1 uur begon de tweede ronde van 45 minuten.
-                   | In 2021 kwamen 1500 bezoekers naar 12 bijeenkomsten.
-                   | "Samen koffiedrinken is ook sociaal werk", zegt de lector.
-                   | Van de 30 ouders kwamen er 24 terug (80 procent).
-                   | De gemeente Rotterdam en de GGD zetten het netwerk op.
-                   | Op pagina 12 staat tabel 3 met de cijfers van 2019.
-                   | Zo'n 5 tot 10 gezinnen per wijk, schrijft de bron.
-                   | Groep 1 tot en met 8 van de basisschool.
"""


def rows():
    for line in TABLE.strip().split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        rules, sentence = (part.strip() for part in line.split("|", 1))
        yield [] if rules == "-" else rules.split(","), _ESCAPE.sub(_unescape, sentence)


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|n|\\)")


def _unescape(found: re.Match) -> str:
    code = found.group(1)
    return "\n" if code == "n" else "\\" if code == "\\" else chr(int(code[1:], 16))


ROWS = list(rows())


def test_the_table_is_large_and_has_both_kinds():
    assert len(ROWS) >= 150
    found = sum(1 for rules, _ in ROWS if rules)
    assert found >= 75 and len(ROWS) - found >= 75


def test_the_word_lists_are_installed():
    assert dutch_words.available(), "deduce (Dutch first names and street names) is missing: run make setup"


@pytest.mark.parametrize("expected, sentence", ROWS, ids=[s[:50] for _, s in ROWS])
def test_sentence(expected, sentence):
    assert rules_in(sentence) == expected
