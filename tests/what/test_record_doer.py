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
