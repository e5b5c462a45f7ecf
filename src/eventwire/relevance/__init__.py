"""Is this article about political violence, a protest or a conflict development at all?

Decided once per article, in two steps, here and nowhere else:

* :func:`judge` -- before parsing, on the raw headline and text (any case): cue words and the
  vocabularies of news that uses violent words figuratively (sport, markets, entertainment,
  politics, weather, science, health, technology), from ``data/relevance.yaml``. An article it judges not
  relevant is not parsed and codes no event. It is conservative: one strong cue ("killed",
  "troops", "protesters") keeps an article, and weak ones ("attack", "shot", "clash") are only
  outweighed by a clear domain ("a shot on goal", "the striker", "the league").
* :func:`review` -- after coding, for an article judge kept: a retrospective article (an
  anniversary, a commemoration, "one year after", a trial of an old attack: the headline or the
  lead says so) reports no new event unless an event is dated by its own sentence; its other
  events are background (``historical``). The lead's framing words are the phrases of
  ``relevance.yaml`` (:func:`retrospective_cue`, raw text) and those of
  :func:`eventwire.when.framing.article_cue` (framing.yaml, on the parse).

Both return a :class:`Relevance`: the decision, a score and the reasons, in words.
"""

from __future__ import annotations

from .gate import judge, retrospective_cue, screen, transcript_cue
from .review import review
from .terms import (
    DATA_FILE,
    POST_PARSE,
    PRE_PARSE,
    Relevance,
    RelevanceDataError,
    compile_rules,
    key_of,
    rules,
    validate,
)

__all__ = ["DATA_FILE", "POST_PARSE", "PRE_PARSE", "Relevance", "RelevanceDataError", "compile_rules", "judge",
           "key_of", "retrospective_cue", "review", "rules", "screen", "transcript_cue", "validate"]
