"""How alike two or three personas are: Gower similarity over their research profiles, 0..1.

Gower's coefficient averages one similarity per field, each already on 0..1, over the fields both
personas have (a field missing on either side is skipped: it neither helps nor hurts):

    S(a, b) = sum(w_f * s_f(a, b) for comparable f) / sum(w_f for comparable f)

with every weight w_f = 1 and s_f by the kind of field:

- numbers: 1 - |a - b| / range, with the range fixed by what the field allows, not by the personas
  at hand (so a score does not change with who else is compared): age 0-120;
- categories (gender, location, occupation, segment): 1 when equal (ignoring case and surrounding
  spaces), else 0;
- ordered categories (education level, income bracket): 1 - |rank(a) - rank(b)| / (levels - 1);
- tag sets (values, interests): Jaccard, |A ∩ B| / |A ∪ B| (ignoring case); an empty set is missing;
- blocks (Big Five, Hofstede): one field each, weighing as much as age does, whose similarity is the
  mean over the dimensions both have of 1 - |a - b| (every dimension is a score on 0..1).

With three personas the summary score is the mean over the three pairs. A field's dissimilarity,
1 - s_f averaged over the pairs that can compare it, is its contribution to what tells them apart:
the key differences are the fields with some, largest first (ties in field order).
"""

from dataclasses import dataclass
from itertools import combinations

from insights.models import EducationLevel, IncomeBracket
from insights.sections import DEMOGRAPHIC_FIELDS, fields_of

AGE_RANGE = (0, 120)
NUMERIC_RANGES = {"age": AGE_RANGE}
CATEGORICAL_FIELDS = ("gender", "location", "occupation", "segment_id")
TAG_FIELDS = ("values", "interests")
BLOCK_FIELDS = ("big_five", "hofstede")
# Lowest to highest, in the order the research profile's choices are declared.
ORDINAL_SCALES: dict[str, tuple[str, ...]] = {
    "education_level": tuple(EducationLevel.values),
    "income_bracket": tuple(IncomeBracket.values),
}
COMPARED_FIELDS = (
    *DEMOGRAPHIC_FIELDS,
    "segment_id",
    "big_five",
    "hofstede",
    "values",
    "interests",
)


def _blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _numeric(field: str, a, b) -> float:
    low, high = NUMERIC_RANGES[field]
    return 1 - abs(float(a) - float(b)) / (high - low)


def _categorical(a, b) -> float:
    return 1.0 if str(a).strip().casefold() == str(b).strip().casefold() else 0.0


def _ordinal(field: str, a, b) -> float | None:
    scale = ORDINAL_SCALES[field]
    if a not in scale or b not in scale:
        return None
    return 1 - abs(scale.index(a) - scale.index(b)) / (len(scale) - 1)


def _jaccard(a, b) -> float:
    left, right = {str(tag).strip().casefold() for tag in a}, {str(tag).strip().casefold() for tag in b}
    return len(left & right) / len(left | right)


def _block(a: dict, b: dict) -> float | None:
    shared = [key for key in a if key in b and a[key] is not None and b[key] is not None]
    if not shared:
        return None
    return sum(1 - abs(float(a[key]) - float(b[key])) for key in shared) / len(shared)


def field_similarity(field: str, a, b) -> float | None:
    """s_f(a, b) on 0..1, or None when either value is missing (the field is skipped)."""
    if _blank(a) or _blank(b):
        return None
    if field in NUMERIC_RANGES:
        return _numeric(field, a, b)
    if field in ORDINAL_SCALES:
        return _ordinal(field, a, b)
    if field in TAG_FIELDS:
        return _jaccard(a, b)
    if field in BLOCK_FIELDS:
        return _block(a, b)
    return _categorical(a, b)


def pair_similarities(a: dict, b: dict, fields=COMPARED_FIELDS) -> dict[str, float]:
    """Each comparable field's similarity for one pair of profiles (missing ones left out)."""
    scores = {field: field_similarity(field, a.get(field), b.get(field)) for field in fields}
    return {field: score for field, score in scores.items() if score is not None}


def gower_similarity(a: dict, b: dict, fields=COMPARED_FIELDS) -> float | None:
    """S(a, b), or None when the two share no comparable field."""
    scores = pair_similarities(a, b, fields)
    return sum(scores.values()) / len(scores) if scores else None


@dataclass(frozen=True)
class Comparison:
    similarity_score: float | None
    pair_scores: list[tuple[int, int, float | None]]
    dissimilarity: dict[str, float]  # per field, averaged over the pairs that could compare it

    @property
    def key_differences(self) -> list[str]:
        differing = [field for field, amount in self.dissimilarity.items() if amount > 0]
        return sorted(differing, key=lambda field: -self.dissimilarity[field])


def profiles_compare(profiles: list[dict], fields=COMPARED_FIELDS) -> Comparison:
    """Compare two or three profiles (plain dicts keyed as the details are)."""
    per_field: dict[str, list[float]] = {field: [] for field in fields}
    pair_scores = []
    for (i, a), (j, b) in combinations(enumerate(profiles), 2):
        scores = pair_similarities(a, b, fields)
        for field, score in scores.items():
            per_field[field].append(1 - score)
        pair_scores.append((i, j, sum(scores.values()) / len(scores) if scores else None))
    known = [score for _, _, score in pair_scores if score is not None]
    dissimilarity = {field: sum(values) / len(values) for field, values in per_field.items() if values}
    return Comparison(
        similarity_score=sum(known) / len(known) if known else None,
        pair_scores=pair_scores,
        dissimilarity=dissimilarity,
    )


# Bookkeeping, not a way one persona differs from another.
NOT_DIFFERENCES = frozenset({"id", "slug", "full_name", "created_at", "updated_at"})


def _differing(values: list) -> bool:
    return any(value != values[0] for value in values[1:])


def comparison_report(details: list[dict], *, sections, highlight_differences: bool = True) -> dict:
    """What the compare API answers for two or three personas' details (the first is the one compared
    with the others): each persona restricted to the sections, with `_differences` (the fields in which
    it differs from another, when highlighting), and the summary."""
    fields = fields_of(sections)
    compared = [field for field in COMPARED_FIELDS if field in fields]
    comparison = profiles_compare(details, compared)
    differing = [f for f in fields if f not in NOT_DIFFERENCES and _differing([d.get(f) for d in details])]
    personas = []
    for one in details:
        shown = {field: one.get(field) for field in fields}
        if highlight_differences:
            shown["_differences"] = differing
        personas.append(shown)
    key = [{"field": f, "values": [d.get(f) for d in details]} for f in comparison.key_differences]
    score = comparison.similarity_score
    summary = {
        "similarity_score": round(score, 4) if score is not None else None,
        "total_differences": len(differing),
        "key_differences": key,
    }
    return {"personas": personas, "summary": summary}
