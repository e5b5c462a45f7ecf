"""nlp.unwrap: hard-wrapped wire copy is parsed as paragraphs, at the article's offsets.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.record import Article

WRAPPED = (
    "THE POLICE REPORTED TODAY THAT UNIDENTIFIED MEN THREW A BOMB AT THE\n"
    "OFFICES OF A NEWSPAPER IN THE PROVINCIAL CAPITAL LATE ON MONDAY NIGHT.\n"
    "THE BLAST DESTROYED THE FRONT OF THE BUILDING AND WOUNDED TWO GUARDS\n"
    "WHO WERE ON DUTY AT THE TIME, ACCORDING TO THE REPORT.\n"
    "\n"
    "   THE AUTHORITIES SAID THAT NO GROUP HAD CLAIMED RESPONSIBILITY FOR\n"
    "THE ATTACK, THE THIRD AGAINST A NEWSPAPER IN THE REGION THIS MONTH.\n"
    "INVESTIGATORS WERE QUESTIONING RESIDENTS OF THE NEIGHBORHOOD ON TUESDAY.\n"
)


def test_hard_wrapped_copy_is_unwrapped_at_the_same_offsets():
    assert nlp.hard_wrapped(WRAPPED)
    flat = nlp.unwrap(WRAPPED)
    assert len(flat) == len(WRAPPED)
    assert "AT THE OFFICES" in flat and "\n\n" in flat  # the paragraph break stays


def test_ordinary_text_is_left_alone():
    text = "Gunmen kill 17 in Kaduna\nGunmen killed 17 people in a village on Monday, police said."
    assert not nlp.hard_wrapped(text)
    assert nlp.unwrap(text) == text


@pytest.mark.slow
def test_a_wrapped_sentence_parses_as_one():
    adoc = next(nlp.parse([Article(id="w", text=WRAPPED)]))
    sents = [s.text for s in adoc.doc.sents]
    assert any(s.startswith("The police reported") and "night." in s for s in sents)  # (recased)
    assert adoc.doc.text[:20].lower() == WRAPPED[:20].lower() and len(adoc.doc.text) == len(WRAPPED)


def test_a_dateline_ends_at_its_dash():
    # the story's first sentence starts after the dateline's dash, "[TEXT]" tag or not
    text = "BOGOTA, 8 DEC 89 (DPA) -- [TEXT] THE CAR BOMB ATTACK ON 6 DECEMBER HAD BEEN PLANNED SINCE SEPTEMBER."
    adoc = next(nlp.parse([Article("t", text)]))
    starts = [s.start_char for s in adoc.doc.sents]
    assert text.index("THE CAR") in starts
    text = "KHARTOUM, (Reuters) – Security forces shot dead three people on Saturday, doctors said."
    adoc = next(nlp.parse([Article("t", text)]))
    assert text.index("Security") in [s.start_char for s in adoc.doc.sents]
    # after a headline and a standfirst: "Dhaka, Bangladesh - Gunmen ..." ("Bangladesh Gunmen" is no phrase)
    text = ("Deadly attack on a mosque\n\nA muezzin was shot dead at prayer.\n\nDhaka, Bangladesh - Gunmen "
            "stormed a mosque and opened fire on worshippers, police said. - a dash in the story is no dateline.")
    adoc = next(nlp.parse([Article("t", text)]))
    starts = [s.start_char for s in adoc.doc.sents]
    assert text.index("Gunmen") in starts and text.index("a dash") not in starts
