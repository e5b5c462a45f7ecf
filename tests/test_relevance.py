"""The article-level relevance gate (eventwire.relevance): sport, markets, entertainment, politics
and weather news code nothing; a real report always passes, in any case; a retrospective
article reports no new event. Every article here is written for these tests."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from eventwire import pipeline, relevance
from eventwire.cli import main
from eventwire.record import AnnotatedDoc, Article
from eventwire.relevance import RelevanceDataError, judge

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "eventwire" / "data" / "relevance.yaml"

SPORT = """Late winner settles derby as Eastfield clash explodes into life

Eastfield beat Millbrook 2-1 in the derby on Saturday, their striker scoring with a low shot in
the last minute. The clash exploded into life after half-time, when Millbrook's winger equalised
with a curling shot. "We kept attacking and the goal came," the Eastfield coach said. The win
lifts Eastfield to third in the league with six matches of the season left."""

MARKETS = """Shares in appliance maker bombed as price war bites

Shares in Kettleworth bombed on Tuesday, falling 12 percent, after the company warned that a price
war with cheaper rivals would cut its annual profit. Analysts cut their forecasts and investors
sold the stock; the index of leading shares ended 0.3 percent lower. The chief executive said the
company would win the battle for market share."""

FILM = """War drama tops the box office in its first weekend

"The Long Winter", a film about two brothers on opposite sides of a civil conflict, took 40 million
dollars at the box office this weekend. Critics praised its battle scenes and the lead actor's
performance; the studio plans a sequel. The director said the war in the film was invented."""

ELECTION = """Candidates trade attacks in final debate before the vote

The two candidates for governor traded attacks over taxes and schools in their last debate on
Thursday, two days before the election. The challenger attacked the incumbent's record, and both
campaigns are fighting for undecided voters. Polls show a close race; turnout is expected to be
high and polling stations open at 7 a.m."""

WEATHER = """Showers and cooler air follow the heatwave

Temperatures will fall to 22 degrees Celsius on Sunday as showers move in from the west, the weather
service said. Up to 30 mm of rain is forecast in the hills, with gusts near the coast."""

ATTACK = """Gunmen kill six at a roadside market

Gunmen on motorbikes attacked a roadside market near the town of Tallo on Tuesday, killing six
traders and wounding eleven, the district police chief said. The attackers fled into the bush."""

FANS = """Fans clash with police after cup final

Supporters of the losing team clashed with police outside the stadium after the cup final on
Sunday. Officers fired tear gas and arrested 14 fans; three officers were hurt, police said. The
match had ended 1-0 after extra time, and the winning coach praised his players."""

RALLY = "Thousands rallied against the new press law in the capital on Sunday, organisers said."

EXPLOSION_AT_RALLY = """Explosion hits campaign rally

An explosion hit a campaign rally of the ruling party in the northern town of Dasso on Friday, two days
before the election, the party said. The candidate was unhurt."""

ANNIVERSARY = """Port town remembers victims of ferry bombing

Ten years after a bomb ripped through a ferry in the port town, killing 40 people, relatives laid
wreaths at a memorial by the quay. The mayor read out the names of the dead, and survivors said the
bombing still haunted them."""

ANNIVERSARY_DATELINE = """Port town remembers victims of ferry bombing

PORTVALE

The bombing of a ferry in the port town, which killed 40 people in March 2012, is still felt by those
who survived it. Relatives laid wreaths by the quay, and the mayor read out the names of the dead."""

ANNIVERSARY_WITH_NEWS = """Port town remembers victims of ferry bombing

Hundreds gathered at the harbour of the port town for a memorial service for the 40 people killed by
a bomb on a ferry in March 2012.

Police arrested two men near the harbour on Wednesday during the service, the police said."""


def art(text: str, title: str | None = None, published: date | None = None, id: str = "t") -> Article:
    return Article(id=id, text=text, title=title, published=published)


# --- before parsing --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "domain"),
    [(SPORT, "sport"), (MARKETS, "markets"), (FILM, "entertainment"), (ELECTION, "politics")],
)
def test_figurative_violence_in_other_news_is_gated(text: str, domain: str) -> None:
    v = judge(art(text))
    assert not v.relevant and v.stage == relevance.PRE_PARSE
    assert any(f"{domain} vocabulary" in r for r in v.reasons), v.reasons
    assert any("figurative" in r for r in v.reasons)


def test_news_without_a_word_of_violence_is_gated() -> None:
    v = judge(art(WEATHER))
    assert not v.relevant and v.score <= 0.0
    assert v.reasons == ["no word of violence, protest, arrest or armed conflict"]
    assert v.explain().startswith("not relevant (pre-parse): no word")


@pytest.mark.parametrize("case", [str.upper, str.lower, str])
def test_a_real_attack_passes_in_any_case(case) -> None:
    v = judge(art(case(ATTACK)))
    assert v.relevant and v.score == float("inf")
    assert v.reasons == ["strong cue 'gunmen' x2, 'killing'"]  # judge stops reading at the third strong cue


def test_the_title_is_read_too() -> None:
    body = "Residents said the market was closed on Wednesday and traders stayed at home."
    assert not judge(art(body)).relevant
    assert judge(art(body, title="Soldiers killed in raid near the market")).relevant


@pytest.mark.parametrize("text", [FANS, RALLY, EXPLOSION_AT_RALLY])
def test_violence_or_a_protest_in_a_sport_or_election_story_passes(text: str) -> None:
    assert judge(art(text)).relevant


def test_weak_cues_without_another_subject_pass() -> None:
    v = judge(art("Rebel fighters attacked an outpost in the hills overnight, residents said."))
    assert v.relevant and v.score > 0


def test_a_text_that_is_not_english_is_not_judged() -> None:
    text = ("Le club de la ville a gagné le match de samedi grâce à un but de son attaquant. "
            "Les supporters ont fêté la victoire dans les rues jusqu'à la nuit.")
    v = judge(art(text))
    assert v.relevant and "does not read as English" in v.reasons[0]


def test_terms_match_across_line_breaks_hyphens_and_endings() -> None:
    for text in ("Officers fired TEAR\nGAS at the crowd.", "Officers used tear-gas.", "a shoot-out", "a shootout"):
        assert judge(art(text)).relevant, text
    v = judge(art("Thousands of protesters gathered."))
    assert "'protesters'" in v.reasons[0]  # protest*: any ending


def _terms(kind: str) -> list[str]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return [str(t) for t in raw["cues"][kind]]


@pytest.mark.parametrize("term", _terms("strong"))
def test_every_strong_cue_alone_keeps_an_article(term: str) -> None:
    word = term.rstrip("*")
    v = judge(art(f"Residents said there had been {word} in the district on Monday."))
    assert v.relevant and v.score == float("inf"), (term, v.reasons)


def test_a_retrospective_headline_is_not_gated_but_noted() -> None:
    assert judge(art(ANNIVERSARY)).relevant
    assert relevance.retrospective_cue(art(ANNIVERSARY)) == "'remembers'"
    assert relevance.retrospective_cue(art("Two years on, the Harbour Road bombing still haunts the town")) == "'years on'"
    assert relevance.retrospective_cue(art(ATTACK)) is None
    late = art("Gunmen attack a market\n\n" + "The attack happened on Tuesday. " * 20 + "It came years after a truce.")
    assert relevance.retrospective_cue(late) is None  # only the headline and the lead count


def test_judging_is_cheap() -> None:
    import time

    a = art(SPORT * 4)
    judge(a)
    t0 = time.perf_counter()
    for _ in range(200):
        judge(a)
    assert (time.perf_counter() - t0) / 200 < 0.005  # seconds per article; parsing it takes ~100x more


# --- the data file ----------------------------------------------------------------------------------

def _raw() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def test_the_shipped_data_file_is_valid() -> None:
    relevance.validate(_raw())
    relevance.rules()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["cues"].pop("weak"), "relevance.yaml: key 'cues.weak': missing"),
        (lambda r: r.pop("thresholds"), "relevance.yaml: key 'thresholds': missing"),
        (lambda r: r["thresholds"].update(min_domian_terms=3), "key 'thresholds.min_domian_terms': unknown key"),
        (lambda r: r.update(extra=1), "relevance.yaml: key 'extra': unknown key"),
        (lambda r: r["weights"].update(weak="high"), "key 'weights.weak': expected a number, got 'high'"),
        (lambda r: r["cues"].update(strong="killed"), "key 'cues.strong': expected a list of words, got 'killed'"),
        (lambda r: r["language"]["function_words"].append(True), "key 'language.function_words': expected a list of words"),
        (lambda r: r["domains"].update(sport=[]), "key 'domains.sport': expected a non-empty list of words, got []"),
    ],
)
def test_a_bad_data_file_names_the_file_and_the_key(edit, message: str) -> None:
    raw = copy.deepcopy(_raw())
    edit(raw)
    with pytest.raises(RelevanceDataError) as e:
        relevance.validate(raw)
    assert message in str(e.value)


def test_a_term_in_two_lists_is_an_error() -> None:
    raw = copy.deepcopy(_raw())
    raw["domains"]["sport"].append("killed")
    with pytest.raises(RelevanceDataError, match="'killed' is in both cues.strong and domains.sport"):
        relevance.compile_rules(relevance.validate(raw))


def test_custom_rules_change_the_decision() -> None:
    raw = copy.deepcopy(_raw())
    raw["thresholds"]["min_domain_terms"] = 100  # no domain can outweigh a weak cue
    rules = relevance.compile_rules(relevance.validate(raw))
    assert judge(art(SPORT), rules).relevant
    assert not judge(art(SPORT)).relevant


# --- on a stream: order, and what the parser sees -------------------------------------------------

def _fake_parse(seen: list[list[str]]):
    def parse(articles):
        batch: list[str] = []
        seen.append(batch)
        for a in articles:
            batch.append(a.id)
            yield AnnotatedDoc(article=a, doc=None)  # type: ignore[arg-type]
    return parse


def _stream() -> list[Article]:
    texts = [ATTACK, SPORT, WEATHER, FANS, MARKETS, RALLY, FILM]
    return [art(t, id=f"a{k}") for k, t in enumerate(texts)]


def test_screen_parses_only_relevant_articles_and_keeps_the_order() -> None:
    seen: list[list[str]] = []
    out = list(relevance.screen(_stream(), _fake_parse(seen)))
    assert [a.id for a, _, _ in out] == [f"a{k}" for k in range(7)]
    assert seen == [["a0", "a3", "a5"]]  # one parse over the stream, gated articles never in it
    assert [adoc is not None for _, _, adoc in out] == [True, False, False, True, False, True, False]
    assert all(v is not None and v.relevant == (adoc is not None) for _, v, adoc in out)


def test_a_long_run_of_gated_articles_restarts_the_parse(monkeypatch) -> None:
    monkeypatch.setattr(relevance.gate, "MAX_HELD", 2)
    seen: list[list[str]] = []
    out = list(relevance.screen(_stream(), _fake_parse(seen)))
    assert [a.id for a, _, _ in out] == [f"a{k}" for k in range(7)]
    assert [i for b in seen for i in b] == ["a0", "a3", "a5"] and len(seen) > 1


def test_screen_disabled_parses_everything() -> None:
    seen: list[list[str]] = []
    out = list(relevance.screen(_stream(), _fake_parse(seen), enabled=False))
    assert seen == [[f"a{k}" for k in range(7)]] and all(v is None for _, v, _ in out)


# --- the benchmark corpora ------------------------------------------------------------------------

KNOWN_MISSES = {
    # "openers blast hosts": 'blast' is a strong cue (a blast kills...); only a parse could tell the verb
    "calm-sport-02",
}


def _bench_articles(path: Path) -> list[Article]:
    from eventwire.sources import read

    files = sorted(str(p) for p in path.iterdir() if p.is_file()) if path.is_dir() else [str(path)]
    return [a for a in read(files) if isinstance(a, Article)]


def test_the_mixed_bench_corpus_is_gated_as_labelled() -> None:
    arts = _bench_articles(REPO / "bench" / "corpus" / "mixed")
    calm = [a for a in arts if a.id.startswith("calm-")]
    assert len(calm) >= 30
    assert {a.id for a in calm if judge(a).relevant} == KNOWN_MISSES
    quiet = [a for a in arts if a.id.startswith("quiet-")]  # retrospective: parsed, no new event
    assert quiet and all(judge(a).relevant for a in quiet)


def test_every_violent_bench_article_passes() -> None:
    arts = _bench_articles(REPO / "samples") + _bench_articles(REPO / "bench" / "corpus")
    assert len(arts) >= 10
    assert {a.id for a in arts if not judge(a).relevant} == {"wire-econ-2021-0301"}  # the one on rates


# --- through the pipeline (spaCy) -----------------------------------------------------------------

PUB = date(2024, 3, 13)


@pytest.mark.slow
def test_pipeline_codes_relevant_articles_and_says_why_not_the_others() -> None:
    arts = [art(ATTACK, published=PUB, id="attack"), art(SPORT, published=PUB, id="sport"),
            art(FANS, published=PUB, id="fans"), art(WEATHER, published=PUB, id="weather")]
    res = list(pipeline.run(arts))
    assert [r.article.id for r in res] == ["attack", "sport", "fans", "weather"]
    by = {r.article.id: r for r in res}
    assert by["attack"].events and by["attack"].relevance.relevant
    assert by["fans"].events
    for k in ("sport", "weather"):
        assert by[k].events == [] and by[k].error is None
        assert not by[k].relevance.relevant and by[k].relevance.stage == "pre-parse"
    ungated = {r.article.id: r for r in pipeline.run(arts, gate=False)}
    assert all(r.relevance is None for r in ungated.values())
    assert [e.event_id for e in ungated["attack"].events] == [e.event_id for e in by["attack"].events]


@pytest.mark.slow
def test_an_anniversary_piece_dated_by_its_text_codes_no_new_event() -> None:
    [r] = pipeline.run([art(ANNIVERSARY_DATELINE, published=PUB)])  # "in March 2012": historical anyway
    assert r.events and all(e.historical for e in r.events)


@pytest.mark.slow
@pytest.mark.parametrize("text", [ANNIVERSARY])
def test_an_anniversary_piece_codes_no_new_event(text: str) -> None:
    [ungated] = pipeline.run([art(text, published=PUB)], gate=False)
    assert any(not e.historical for e in ungated.events)  # without the review: a new bombing
    [r] = pipeline.run([art(text, published=PUB)])
    assert r.events and all(e.historical for e in r.events)  # the old bombing, as background
    assert not r.relevance.relevant and r.relevance.stage == "post-parse"
    assert "no event dated by its own sentence" in r.relevance.reasons[-1]
    assert any("looks back at a past event ('remembers')" in (e.date_note or "") for e in r.events)


@pytest.mark.slow
def test_a_trial_story_framed_after_a_dateline_codes_no_new_event() -> None:
    text = ("Court jails two over bus station bombing\n\nHARLOW\n\n"
            "A court on Monday convicted two men over the bombing of the city's bus station, which killed "
            "nine people in 2019, and sentenced them to life in prison.\n\n"
            "The bombing was the deadliest attack in the city in a decade.")
    [ungated] = pipeline.run([art(text, published=PUB)], gate=False)
    assert [e.historical for e in ungated.events] == [False]  # the headline's bombing, dated 'on Monday'
    [r] = pipeline.run([art(text, published=PUB)])
    assert r.events and all(e.historical for e in r.events) and not r.relevance.relevant
    assert "('convicted')" in r.relevance.reasons[-2]  # framing.yaml's lemma, found after the dateline


@pytest.mark.slow
def test_an_event_dated_in_its_own_sentence_stays_news_in_an_anniversary_piece() -> None:
    [r] = pipeline.run([art(ANNIVERSARY_WITH_NEWS, published=PUB)])
    new = [e for e in r.events if not e.historical]
    assert [e.sub_event_type for e in new] == ["Arrests"] and new[0].date == "2024-03-13"
    assert r.relevance.relevant and r.relevance.background


@pytest.mark.slow
def test_cli_says_which_articles_were_gated_and_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(json.dumps({"id": i, "text": t, "published": "2024-03-13"})
                           for i, t in (("a", ATTACK), ("s", SPORT))) + "\n", encoding="utf-8")
    assert main(["extract", str(f)]) == 0
    out, err = capsys.readouterr()
    assert {json.loads(line)["article_id"] for line in out.splitlines()} == {"a"}
    assert "1 judged not relevant (--show-gated says why)" in err
    assert main(["extract", str(f), "--show-gated", "-q"]) == 0  # -q: no summary, the asked-for lines
    _, err = capsys.readouterr()
    assert err.startswith(f"eventwire: no new event in {f}:2: not relevant (pre-parse)") and "sport vocabulary" in err
    assert len(err.splitlines()) == 1
    assert main(["extract", str(f), "--no-gate"]) == 0
    _, err = capsys.readouterr()
    assert "judged not relevant" not in err


SPEECH = """Governor thanks the nation

[Speech by the provincial governor] Friends, our province has suffered. Rebels attacked the market
in Mada and killed three traders, and they burned the clinic.

We shall rebuild, and we shall not give in to terror. I thank the police, who on Tuesday arrested
five suspects in the port of Kora, and I have ordered an inquiry.
"""


@pytest.mark.slow
def test_a_speech_reports_only_the_events_it_dates() -> None:
    [ungated] = pipeline.run([art(SPEECH, published=PUB)], gate=False)
    assert sum(not e.historical for e in ungated.events) >= 2  # without the review
    [r] = pipeline.run([art(SPEECH, published=PUB)])
    new = [e for e in r.events if not e.historical]
    assert [e.sub_event_type for e in new] == ["Arrests"] and new[0].date == "2024-03-12"  # "on Tuesday"
    assert any("a speaker's words" in (e.date_note or "") for e in r.events if e.historical)
    assert relevance.transcript_cue(art(SPEECH)) == "'[speech'"


def test_a_statement_and_an_editorial_are_a_speakers_words() -> None:
    assert relevance.transcript_cue(art("Rebel front statement\n\n[Statement] The front denies it.")) == "'[statement'"
    assert relevance.transcript_cue(art("Editorial: the city deserves better than curfews")) == "'editorial:'"
    assert relevance.transcript_cue(art("Police detain five after market attack")) is None


STATEMENT = """Ministry statement on the river incident

[Statement by the interior ministry] This morning, near the river port of Kora, soldiers arrested
four smugglers who had seized a ferry carrying farm workers. Gunmen had shot dead the ferry's
pilot and wounded two passengers.

We call on the rebels, who attacked the port clinic and burned the market, to lay down their arms.
"""


@pytest.mark.slow
def test_a_statement_keeps_the_story_of_the_incident_it_dates() -> None:
    [r] = pipeline.run([art(STATEMENT, published=PUB)])
    new = [e for e in r.events if not e.historical]
    # the shooting takes the lead's "this morning", which dates the arrests the statement reports
    assert sorted((e.sub_event_type, e.date_source) for e in new) == [("Arrests", "stated"), ("Attack", "paragraph")]
    assert all(e.date == "2024-03-13" for e in new)
    assert r.relevance.relevant and r.relevance.background  # still a speaker's words


SPEECH_LATER = """Governor thanks the nation

[Speech by the provincial governor] This morning the police arrested five suspects in the port of Kora.

Friends, our province has suffered. Rebels attacked the market in Mada and killed three traders.
"""


@pytest.mark.slow
def test_a_speakers_undated_reference_in_another_paragraph_stays_background() -> None:
    [r] = pipeline.run([art(SPEECH_LATER, published=PUB)])
    assert [e.sub_event_type for e in r.events if not e.historical] == ["Arrests"]
