"""casing.recase: all-caps copy is recased before parsing, at the same offsets.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from eventwire import casing, nlp
from eventwire.record import Article

CAPS = (
    "LIMA, 2 MAY 91 -- UNIDENTIFIED MEN WILL NOT BE FOUND, THE POLICE SAID TODAY AFTER A BOMB\n"
    "EXPLODED AT THE OFFICES OF THE NEWSPAPER IN LA PAZ STREET.  THE REST OF THE STAFF WERE SAFE.\n"
    "THE ATTACK WAS CLAIMED BY THE PEOPLE'S LIBERATION ARMY (PLA), PRESIDENT ANTONIO MARQUEZ SAID.\n"
)


def test_all_caps_text_is_recased_at_the_same_offsets():
    out = casing.recase(CAPS)
    assert len(out) == len(CAPS)
    assert out.lower() == CAPS.lower()
    assert out.startswith("Lima, 2 May 91 -- Unidentified men will not be found, the police said today")
    assert "a bomb\nexploded at the offices" in out
    assert "in La Paz street" in out  # a particle before a name begins it
    assert "The rest of the staff" in out  # a sentence's first word; "REST" is a word, not a place
    assert "People's Liberation Army (PLA)" in out  # a phrase its acronym names is a name
    assert "President Antonio Marquez said" in out  # a title before a name


def test_mixed_case_and_short_texts_are_left_alone():
    text = "Gunmen killed 17 people in a village on Monday, police said."
    assert casing.recase(text) == text
    assert casing.recase("BOMB KILLS TWO") == "BOMB KILLS TWO"  # too short to judge


@pytest.mark.parametrize("word,kind", [("ATTACKED", casing.LOWER), ("GUERRILLAS", casing.LOWER),
                                       ("CHILE", casing.CAP), ("COLOMBIAN", casing.CAP), ("ELN", casing.KEEP),
                                       ("COUNTERINSURGENCY", casing.LOWER), ("ANTIGOVERNMENT", casing.LOWER),
                                       ("TRAFFICKERS", casing.LOWER), ("FAIRBANKS", casing.CAP),
                                       ("MACHINEGUNNED", casing.LOWER), ("WHITEWASHED", casing.LOWER),
                                       ("RAWLINGS", casing.CAP), ("SPRINGFIELD", casing.CAP)])
def test_inflected_words_and_names(word, kind):
    assert casing.kind(word) == kind


@pytest.mark.slow
def test_recased_copy_parses_ordinary_words_as_words():
    adoc = next(nlp.parse([Article(id="c", text=CAPS)]))
    will = next(t for t in adoc.doc if t.lower_ == "will")
    assert will.pos_ == "AUX"
    assert not any(e.text.lower() in ("will", "rest") for e in adoc.doc.ents)
    assert adoc.doc.text.lower() == CAPS.lower()


def test_a_name_written_without_its_accents_is_still_a_name():
    # wire copy drops accents: "VINA DEL MAR" is Viña del Mar, whose "MAR" is a word elsewhere
    text = ("A BOMB EXPLODED AT A BANK IN DOWNTOWN VINA DEL MAR EARLY TODAY, THE POLICE SAID, AND\n"
            "ANOTHER WAS DEFUSED IN THE CAPITAL. NOTHING WILL MAR THE CELEBRATIONS, THE MAYOR SAID.\n")
    out = casing.recase(text)
    assert "in downtown Vina del Mar early today" in out
    assert "nothing will mar the celebrations" in out.lower() and "will mar the" in out


def test_names_of_several_words_are_capitalised_and_their_common_words_elsewhere_are_not():
    text = ("THE TWO U.S. CITIZENS WERE KILLED IN THE CITY OF TALARA, NORTH OF MEXICO CITY, NEAR THE\n"
            "BORDER WITH COSTA RICA, THE UNITED STATES EMBASSY SAID. COL. ORTIZ SAID THE TOWN WAS CALM.\n"
            "THE MARCH REACHED BERNARDO O'HIGGINS AVENUE.  HE LIVES IN WASHINGTON D.C. HE WAS NOT HURT.\n")
    out = casing.recase(text)
    assert len(out) == len(text)
    assert "U.S. citizens were killed" in out  # the stop of initials before a word is no sentence end
    assert "in the city of Talara, north of Mexico City" in out  # "CITY", "NORTH": words, but of a name
    assert "with Costa Rica, the United States embassy" in out
    assert "Col. Ortiz said the town" in out  # a title with its stop before a name
    assert "Bernardo O'Higgins avenue" in out  # the name after an elided particle
    assert "D.C. He was not hurt" in out  # initials before a function word end the sentence


def test_editorial_tags_of_wire_copy_are_read_as_blanks():
    text = "LIMA, 2 MAY 90 (EFE) -- [TEXT] GUERRILLAS ATTACKED A BANK. [PASSAGE OMITTED] POLICE SAID."
    out = casing.blank_tags(text)
    assert len(out) == len(text) and "[" not in out and "GUERRILLAS ATTACKED A BANK." in out
    assert casing.blank_tags("He said [the army] fired.") == "He said [the army] fired."


def test_a_slogan_in_capitals_is_shouted_and_an_acronym_is_not(nlp):
    doc = nlp('Protesters held a banner that read "STOP KILLING US!" outside the UN office in the US capital.')
    words = {t.text: t.i for t in doc}
    assert casing.shouted(doc, words["KILLING"], words["KILLING"] + 1)
    us = [t.i for t in doc if t.text == "US"]
    assert casing.shouted(doc, us[0], us[0] + 1) and not casing.shouted(doc, us[1], us[1] + 1)
    assert not casing.shouted(doc, words["UN"], words["UN"] + 1)
