"""The built-in needs analyzer: offline, deterministic (the same sources give the same document), and
honest (every quote is a verbatim excerpt of an answer or chat reply).

Method
1. Each source (insights.sources) is split into sentences at ".", "!", "?" or a line break followed by
   white space. A sentence is quoted as it stands, cut at a word boundary when it is longer than
   MAX_QUOTE characters, so a quote is always a substring of its source.
2. Jobs to be done: sentences with a goal cue ("I want to", "I need to", "I'm trying to", "I have to",
   "my goal is to", "I'd like to"). The words after the cue, up to "so", "because" or "in order to",
   are what the persona wants; a "when"/"whenever"/"every time" clause in the sentence is the
   situation (else the prompt answered); the words after "so I can" or "in order to" are the
   outcome, "so that <clause>" gives "make sure <clause>" (else, and after "because", "get it
   done"). Priority starts at 5, +2 for a must-word ("need", "must", "have to"), +1 for each other
   source naming a goal with a shared content word, at most 10.
3. Pain points: sentences with a pain cue, grouped into the themes of PAIN_THEMES (time, cost,
   complexity, reliability, worry, frustration); each theme found is one pain, quoting its sentences.
   Severity: 4 + 1 per sentence + 2 if one has a strong word ("hate", "terrible", "never", "always"),
   at most 10. Share affected: the share of sources mentioning the theme. Possible solutions: the
   theme's usual remedies.
4. Desired outcomes: each pain theme gives its outcome ("Minimize the time it takes ...") with the
   pain's severity + 2 as importance (at most 10) and 10 - severity as satisfaction (at least 1);
   each wish sentence ("I wish", "ideally", "it would be great if", "I'd love") gives an outcome of
   its own words, importance 7 (9 with a must-word), satisfaction 3 (the persona says it is
   missing). An outcome is measurable when its theme is (time, cost, reliability) or its words hold
   a number or a comparative.
5. Frequency comes from the quoted sentences' words ("every day" daily, "every week" weekly, ...),
   difficulty of a job from difficulty words ("hard", "struggle": hard; "easy", "quick": easy).
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from insights.schema import (
    Difficulty,
    Frequency,
    Job,
    NeedsDocument,
    Outcome,
    PainPoint,
    Quote,
)
from insights.sources import Source

NAME = "offline"
MAX_QUOTE = 300
MAX_QUOTES_PER_ITEM = 5
MAX_JOBS = 10
MAX_WISHES = 5

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_GOAL = re.compile(
    r"\b(?:i\s+(?:really\s+)?(?:want|need|have|would\s+like|'d\s+like)\s+to|i'?m\s+trying\s+to|"
    r"i\s+am\s+trying\s+to|my\s+goal\s+is\s+to)\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_WISH = re.compile(
    r"\b(?:i\s+wish(?:\s+i\s+could)?|ideally,?|it\s+would\s+be\s+(?:great|nice)\s+(?:if|to)|"
    r"i'?d\s+love(?:\s+to)?)\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_SITUATION = re.compile(r"\b(?:when|whenever|every\s+time)\s+(?P<situation>[^,.;!?]+)", re.IGNORECASE)
_PURPOSE = re.compile(
    r"\b(?:so\s+(?:that\s+)?i\s+can|in\s+order\s+to|so\s+that|because)\s+(?P<rest>.+)", re.IGNORECASE
)
_SO_THAT = re.compile(r"^so\s+that\b", re.IGNORECASE)
_MUST = re.compile(r"\b(?:need|must|have\s+to|has\s+to|essential)\b", re.IGNORECASE)
_STRONG = re.compile(r"\b(?:hate|terrible|awful|never|always|worst|impossible)\b", re.IGNORECASE)
_MEASURE = re.compile(r"\d|\b(?:faster|cheaper|quicker|fewer|less|more|minutes?|hours?|days?)\b", re.I)
_WORD = re.compile(r"[a-z']{4,}")
# Words too common to tie two goals together (see the echoes that raise a job's priority).
_COMMON_WORDS = (
    "this that with have from they them their what when where which would could should about there "
    "these those being been into just than then some more most very really want need trying like"
)
_STOP_WORDS = frozenset(_COMMON_WORDS.split())
_FREQUENCIES = [
    (re.compile(r"\b(?:every\s*day|daily|each\s+day|every\s+morning|every\s+evening)\b", re.I), "daily"),
    (re.compile(r"\b(?:every\s+week|weekly|each\s+week)\b", re.I), "weekly"),
    (re.compile(r"\b(?:every\s+month|monthly|each\s+month)\b", re.I), "monthly"),
    (re.compile(r"\b(?:rarely|seldom|once\s+a\s+year)\b", re.I), "rarely"),
]
_HARD = re.compile(r"\b(?:hard|difficult|struggle|complicated|tricky)\b", re.IGNORECASE)
_EASY = re.compile(r"\b(?:easy|simple|quick|quickly)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PainTheme:
    title: str
    cue: re.Pattern
    outcome: str
    measurable: bool
    solutions: tuple[str, ...]


PAIN_THEMES = (
    PainTheme(
        "Losing time",
        re.compile(
            r"\b(?:waste|wasting|takes?\s+(?:too\s+)?long|too\s+slow|slow|waiting|time-consuming)\b", re.I
        ),
        "Minimize the time it takes to get things done",
        True,
        ("Shorten or automate the slowest steps", "Show progress so waiting is predictable"),
    ),
    PainTheme(
        "Costs too much",
        re.compile(r"\b(?:expensive|costs?\s+too\s+much|overpriced|afford|pricey)\b", re.I),
        "Minimize the money spent to get the job done",
        True,
        ("Offer a cheaper plan or pay-as-you-go", "Make costs visible before committing"),
    ),
    PainTheme(
        "Too complicated",
        re.compile(
            r"\b(?:confus\w*|complicated|complex|hard\s+to\s+(?:find|understand|use)|overwhelm\w*)\b", re.I
        ),
        "Minimize the effort needed to understand what to do",
        False,
        ("Simplify the steps and the wording", "Offer guidance at the moment of doubt"),
    ),
    PainTheme(
        "Things break or fail",
        re.compile(
            r"\b(?:broken|breaks|crash\w*|fails?|failed|unreliable|doesn't\s+work|never\s+works)\b", re.I
        ),
        "Minimize how often things fail",
        True,
        ("Make the weak link more reliable", "Give a fallback when something fails"),
    ),
    PainTheme(
        "Worry and uncertainty",
        re.compile(r"\b(?:worr\w*|anxious|stress\w*|afraid|unsure|uncertain|risk\w*)\b", re.I),
        "Minimize the uncertainty about the result",
        False,
        ("Give clear information up front", "Offer reassurance: guarantees, reviews, trials"),
    ),
    PainTheme(
        "Frustration",
        re.compile(r"\b(?:frustrat\w*|annoy\w*|hate|irritat\w*|fed\s+up|struggle\w*|pain)\b", re.I),
        "Minimize the moments that frustrate",
        False,
        ("Find and remove the step people complain about most",),
    ),
)


@dataclass(frozen=True)
class _Sentence:
    text: str
    source: Source


def _quote_text(sentence: str) -> str:
    if len(sentence) <= MAX_QUOTE:
        return sentence
    cut = sentence[:MAX_QUOTE]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def _sentences(sources: list[Source]) -> list[_Sentence]:
    found = []
    for source in sources:
        for part in _SENTENCE_END.split(source.text):
            if part.strip():
                found.append(_Sentence(_quote_text(part.strip()), source))
    return found


def _quote(sentence: _Sentence) -> Quote:
    return Quote(text=sentence.text, source=sentence.source.kind, source_id=sentence.source.id)


def _frequency(texts: list[str]) -> Frequency:
    joined = " ".join(texts)
    for pattern, frequency in _FREQUENCIES:
        if pattern.search(joined):
            return Frequency(frequency)
    return Frequency.OCCASIONALLY


def _clause(text: str) -> str:
    return text.strip().rstrip(".!?;:,").strip()[:300] or "get it done"


def _content_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if word not in _STOP_WORDS}


def _outcome_of(purpose: re.Match | None) -> str:
    """What "so I can ..." says; "so that <clause>" becomes "make sure <clause>"; a "because" gives a
    reason, not an outcome."""
    if purpose is None or purpose.group().lower().startswith("because"):
        return "get it done"
    rest = _clause(purpose.group("rest"))
    return f"make sure {rest}" if _SO_THAT.match(purpose.group()) else rest


def _difficulty(text: str) -> Difficulty:
    if _HARD.search(text):
        return Difficulty.HARD
    return Difficulty.EASY if _EASY.search(text) else Difficulty.MODERATE


def _job_from(sentence: _Sentence, goal: re.Match, all_goals: list[tuple[_Sentence, set]]) -> Job:
    rest = goal.group("rest")
    purpose = _PURPOSE.search(rest)
    motivation = rest[: purpose.start()] if purpose else rest
    situation = _SITUATION.search(sentence.text)
    words = _content_words(motivation)
    echoes = {other.source for other, seen in all_goals if other.source != sentence.source and words & seen}
    priority = 5 + (2 if _MUST.search(sentence.text) else 0) + len(echoes)
    answered = f'answering "{sentence.source.topic}"'
    return Job(
        situation=_clause(situation.group("situation")) if situation else answered,
        motivation=f"to {_clause(motivation)}",
        outcome=_outcome_of(purpose),
        priority=min(priority, 10),
        frequency=_frequency([sentence.text]),
        difficulty=_difficulty(sentence.text),
        quotes=[_quote(sentence)],
    )


def _jobs(sentences: list[_Sentence]) -> list[Job]:
    goals = [(s, match) for s in sentences if (match := _GOAL.search(s.text))]
    goal_words = [(s, _content_words(match.group("rest"))) for s, match in goals]
    jobs, seen = [], set()
    for sentence, match in goals:
        job = _job_from(sentence, match, goal_words)
        if job.motivation.lower() not in seen:
            seen.add(job.motivation.lower())
            jobs.append(job)
    return sorted(jobs, key=lambda job: -job.priority)[:MAX_JOBS]


def _pains(sentences: list[_Sentence], source_count: int) -> list[tuple[PainTheme, PainPoint]]:
    by_theme = defaultdict(list)
    for sentence in sentences:
        theme = next((theme for theme in PAIN_THEMES if theme.cue.search(sentence.text)), None)
        if theme is not None:
            by_theme[theme].append(sentence)
    pains = []
    for theme in PAIN_THEMES:
        found = by_theme.get(theme)
        if not found:
            continue
        strong = any(_STRONG.search(s.text) for s in found)
        sources = {s.source for s in found}
        pain = PainPoint(
            title=theme.title,
            description=f"Raised in {len(sources)} of {source_count} answers and replies.",
            severity=min(4 + len(found) + (2 if strong else 0), 10),
            frequency=_frequency([s.text for s in found]),
            share_affected=round(len(sources) / max(source_count, 1), 2),
            quotes=[_quote(s) for s in found[:MAX_QUOTES_PER_ITEM]],
            possible_solutions=list(theme.solutions),
        )
        pains.append((theme, pain))
    return pains


def _outcomes(sentences: list[_Sentence], pains: list[tuple[PainTheme, PainPoint]]) -> list[Outcome]:
    outcomes = [
        Outcome(
            statement=theme.outcome,
            importance=min(pain.severity + 2, 10),
            satisfaction=max(1, 10 - pain.severity),
            measurable=theme.measurable,
        )
        for theme, pain in pains
    ]
    wishes = [(s, match) for s in sentences if (match := _WISH.search(s.text))][:MAX_WISHES]
    for sentence, match in wishes:
        statement = _clause(match.group("rest"))
        outcomes.append(
            Outcome(
                statement=statement[0].upper() + statement[1:],
                importance=9 if _MUST.search(sentence.text) else 7,
                satisfaction=3,
                measurable=bool(_MEASURE.search(statement)),
            )
        )
    return outcomes


def analyze_offline(sources: list[Source]) -> NeedsDocument:
    sentences = _sentences(sources)
    pains = _pains(sentences, len(sources))
    return NeedsDocument(
        jobs_to_be_done=_jobs(sentences),
        desired_outcomes=_outcomes(sentences, pains),
        pain_points=[pain for _, pain in sorted(pains, key=lambda item: -item[1].severity)],
    ).ranked()
