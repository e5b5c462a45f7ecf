"""Per-document state: declared keys on the AnnotatedDoc, stage order, no state shared between
documents."""

from __future__ import annotations

import pytest

from eventwire import docstate, pipeline
from eventwire.docstate import OrderError, Stage, StateError, check_order
from eventwire.record import AnnotatedDoc, Article


def _adoc(text: str = "Nothing happened.") -> AnnotatedDoc:
    return AnnotatedDoc(Article(id="t", text=text), doc=None)  # type: ignore[arg-type]


def test_declare_names_the_owner_and_is_idempotent():
    key = docstate.declare("test.alpha", owner="test.stage", doc="a value for the tests")
    assert (key.name, key.owner, key.cache) == ("test.alpha", "test.stage", False)
    assert docstate.declare("test.alpha", owner="test.stage", doc="again") is key
    assert docstate.declared()["test.alpha"] is key
    with pytest.raises(ValueError, match="already declared by test.stage"):
        docstate.declare("test.alpha", owner="another.stage", doc="a second writer")


def test_put_then_get_and_reading_before_assignment_raises():
    key = docstate.declare("test.beta", owner="test.writer", doc="what test.writer leaves")
    adoc = _adoc()
    assert not adoc.has(key)
    with pytest.raises(StateError, match=r"'test.beta' read before test.writer assigned it"):
        adoc.get(key)
    adoc.put(key, [1, 2])
    assert adoc.has(key) and adoc.get(key) == [1, 2]
    adoc.drop(key)
    assert not adoc.has(key)


def test_a_cache_is_made_once_and_dropped_when_its_base_is_assigned_again():
    base = docstate.declare("test.base", owner="test.writer", doc="a stage's output")
    derived = docstate.declare("test.derived", owner="test.reader", doc="built on test.base", cache=True,
                               built_on=(base,))
    adoc = _adoc()
    made: list[int] = []
    adoc.put(base, 1)
    for _ in range(2):
        assert adoc.cached(derived, lambda: made.append(1) or len(made)) == 1
    assert made == [1]
    adoc.put(base, 2)
    assert not adoc.has(derived)


def test_check_order_catches_a_stage_that_needs_what_a_later_one_assigns():
    a = docstate.declare("test.order.a", owner="first", doc="made by first")
    b = docstate.declare("test.order.b", owner="second", doc="made by second")
    first, second = Stage("first", assigns=(a,)), Stage("second", requires=(a,), assigns=(b,))
    check_order((first, second))
    with pytest.raises(OrderError, match="second requires test.order.a, which only first assigns"):
        check_order((second, first))
    with pytest.raises(OrderError, match="no stage assigns"):
        check_order((second,))
    with pytest.raises(OrderError, match="only it assigns itself"):
        check_order((Stage("self", requires=(a,), assigns=(a,)),))


def test_pipeline_stages_are_in_order():
    names = [s.name for s in pipeline.STAGES]
    assert names == ["where.annotate", "when.annotate", "what.detect", "when.attach", "where.attach",
                     "what.name_actors", "assemble"]
    check_order(pipeline.STAGES)
    with pytest.raises(OrderError):
        check_order(tuple(reversed(pipeline.STAGES)))


def test_no_module_level_state_is_left():
    from eventwire.what import counts
    from eventwire.when import annotate

    assert not hasattr(annotate, "_STATES") and not hasattr(counts, "_last")


RAID = ("Security forces arrested nine suspected militants in the city of Kano on Friday, police said. "
        "The suspects were planning attacks on churches, a police spokesman said.")
BOMB = ("A car bomb exploded at a market in the northern Iraqi city of Kirkuk on Monday, killing four "
        "people. Police said two suspects were detained.")


def _events(adoc: AnnotatedDoc) -> list[dict]:
    return [e.to_dict() for e in pipeline.code_document(adoc)]


def test_two_documents_coded_one_after_another_do_not_share_state(annotate):
    first = annotate(RAID, published="2022-03-12")
    second = annotate(BOMB, published="2022-03-15")
    after_first = (_events(first), _events(second))
    alone = _events(annotate(BOMB, published="2022-03-15"))
    assert after_first[1] == alone
    assert [e["sub_event_type"] for e in after_first[0]] == ["Arrests"]
    assert first.state is not second.state
    assert first.get(pipeline.WHERE_NOTES) != second.get(pipeline.WHERE_NOTES)
    assert not first.doc.user_data and not second.doc.user_data  # nothing stored in spaCy's Doc
