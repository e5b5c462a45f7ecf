"""Which mention of an event names its doer (assemble.build.record_actors), on mentions built here."""

from __future__ import annotations

from eventwire.assemble.build import record_actors
from eventwire.assemble.unit import Unit
from eventwire.record import Actor, Mention
from eventwire.what.lexicon import load_lexicon

SENT = "The soldiers, who were hunting rebels, fired at the farmers and killed six of them."


def _mention(trigger: str, score: float, a1: Actor | None) -> Mention:
    k = SENT.index(trigger)
    return Mention("t", trigger, k, k + len(trigger), 0, SENT, 0, len(SENT), "Violence against civilians", "Attack",
                   score=score, actor1=a1)


def test_forces_written_as_the_doer_of_another_mention_of_the_event_are_its_doer() -> None:
    default = Actor("Unidentified Armed Group (Guatemala)", "", 0, 0, "unidentified")
    soldiers = Actor("Military Forces of Guatemala", "The soldiers", 0, 12, "state")
    best = _mention("fired at", 0.9, default)
    other = _mention("killed", 0.5, soldiers)
    u = Unit([best, other], load_lexicon())
    assert record_actors(u)[0] == soldiers
    # forces written after the other mention's trigger are no doer written before it: not taken
    after = Actor("Military Forces of Guatemala", "the farmers", SENT.index("the farmers"),
                  SENT.index("the farmers") + 11, "state")
    u = Unit([best, _mention("fired at", 0.5, after)], load_lexicon())
    assert record_actors(u)[0] == default


def test_a_clash_with_no_side_written_takes_the_one_armed_side_the_story_names(annotate) -> None:
    from eventwire.assemble.doers import carry_doers

    text = "Police stormed the slum at dawn. A gun battle followed."
    adoc = annotate(text, published="2021-05-08")

    def m(trigger: str, event_type: str, sub: str, a1: Actor | None) -> Mention:
        k = text.index(trigger)
        s = 0 if k < 32 else 32
        e = 32 if k < 32 else len(text)
        return Mention("t", trigger, k, k + len(trigger), int(s > 0), text[s:e], s, e, event_type, sub, actor1=a1)

    police = Actor("Police Forces of Brazil", "Police", 0, 6, "state")
    lex = load_lexicon()
    raid = Unit([m("stormed", "Violence against civilians", "Attack", police)], lex)
    clash = Unit([m("gun battle", "Battles", "Armed clash", None)], lex)
    carry_doers([raid, clash], adoc)
    assert record_actors(clash)[0] == police
    # two armed sides named: the text does not say whose the clash was
    army = Actor("Military Forces of Brazil", "Soldiers", 0, 6, "state")
    clash = Unit([m("gun battle", "Battles", "Armed clash", None)], lex)
    other = Unit([m("stormed", "Violence against civilians", "Attack", army)], lex)
    carry_doers([raid, other, clash], adoc)
    assert record_actors(clash)[0] is None
