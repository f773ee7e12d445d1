"""What the runner measures: each request of the issue's table, anonymous and logged in, through Django's
test client (every middleware, session and throttle included), and recording one skill score through
the service and through the API (a reviewer scoring a fresh answer each run).

Deep pages are found the way a client finds them: with page numbers, `?page=50` and `?page=last`; with
cursors, following 49 `next` links, and DRF's reversed cursor for the last page (else the deepest page
reachable by following `next`).
"""

import base64
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.test import Client

from benchmarks.scaling import vocabulary
from persona.models import Persona
from prompts.models import Answer, Prompt
from prompts.services import answer_create, skill_score_record

API_LIST, HTML_LIST = "/api/v1/personas/", "/personas/"
DEEP_PAGE = 50
MAX_HOPS = 200  # `next` links followed at most, looking for a last page
LAST_CURSOR = base64.b64encode(b"r=1").decode()  # DRF's CursorPagination: the first page read backwards
SCORE = 7
SERVICE_SCORE = "record one skill score, service"


@dataclass
class Case:
    name: str
    call: Callable[[], None]
    prepare: Callable[[], None] = field(default=lambda: None)  # untimed, before each call


def _get(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def _request(name: str, client: Client, url: str) -> Case:
    return Case(name, lambda: _get(client, url))


def _follow(client: Client, url: str, hops: int) -> str:
    """The page `hops` `next` links after `url` (or the last one before they end)."""
    for _ in range(hops):
        following = _get(client, url).json().get("next")
        if not following:
            break
        url = following
    return url


def api_deep_pages(client: Client, first: str) -> tuple[str, str]:
    """(page 50, or the last when there are fewer, and the last page) of the API list as this client
    sees it."""
    body = _get(client, first).json()
    following = body.get("next") or ""
    if "count" in body and "page=" in following:
        pages = math.ceil(body["count"] / len(body["results"]))
        return f"{first}?page={min(DEEP_PAGE, pages)}", f"{first}?page=last"
    deep = _follow(client, first, DEEP_PAGE - 1)
    last = f"{first}?cursor={LAST_CURSOR}"
    if "cursor=" in following and client.get(last).status_code == 200:
        return deep, last
    return deep, _follow(client, deep, MAX_HOPS)


def _list_cases(who: str, client: Client) -> list[Case]:
    deep, last = api_deep_pages(client, API_LIST)
    return [
        _request(f"API list, first page, {who}", client, API_LIST),
        _request(f"API list, page {DEEP_PAGE}, {who}", client, deep),
        _request(f"API list, last page, {who}", client, last),
        _request(f"API search, common word, {who}", client, f"{API_LIST}?search={vocabulary.COMMON_WORD}"),
        _request(f"API search, rare word, {who}", client, f"{API_LIST}?search={vocabulary.RARE_WORD}"),
        _request(f"HTML list, first page, {who}", client, HTML_LIST),
        _request(f"HTML list, page {DEEP_PAGE}, {who}", client, f"{HTML_LIST}?page={DEEP_PAGE}"),
        # Past the end, the page list shows its last page.
        _request(f"HTML list, last page, {who}", client, f"{HTML_LIST}?page=999999999"),
        _request(f"HTML search, common word, {who}", client, f"{HTML_LIST}?q={vocabulary.COMMON_WORD}"),
    ]


def _detail_cases(who: str, client: Client, persona_id: int) -> list[Case]:
    slug = Persona.objects.values_list("slug", flat=True).get(pk=persona_id)
    return [
        _request(f"API persona detail, {who}", client, f"{API_LIST}{persona_id}/"),
        _request(f"HTML persona detail, {who}", client, f"{HTML_LIST}{slug}/"),
    ]


class FreshAnswers:
    """Answers nobody scored yet, one before each run: the newest persona that never answered answers
    the first prompt. Candidates are looked up a batch at a time (the look-up is not what is measured)."""

    BATCH = 50

    def __init__(self, reviewer_name: str):
        self.reviewer_name = reviewer_name
        self.prompt = Prompt.objects.order_by("pk").first()
        self.skill_id = self.prompt.prompt_skills.order_by("skill_id").values_list("skill_id", flat=True)[0]
        self.waiting: list[Persona] = []

    def reviewer(self):
        """Loaded afresh, as each request loads its user (no permission cache carried over)."""
        return get_user_model().objects.get(username=self.reviewer_name)

    def next_answer(self) -> Answer:
        if not self.waiting:
            answered = Answer.objects.filter(persona=OuterRef("pk"))
            self.waiting = list(
                Persona.objects.filter(~Exists(answered))
                .exclude(owner__username=self.reviewer_name)
                .select_related("owner")
                .order_by("-pk")[: self.BATCH]
            )
        persona = self.waiting.pop(0)
        made = answer_create(persona=persona, prompt=self.prompt, actor=persona.owner, text="A fresh answer.")
        return Answer.objects.select_related("persona", "prompt").get(pk=made.pk)  # as the API loads it


class Scoring:
    """One reviewer scoring one skill of a fresh answer per run."""

    def __init__(self, answers: FreshAnswers):
        self.answers = answers
        self.answer = self.reviewer = None

    def prepare(self) -> None:
        self.answer, self.reviewer = self.answers.next_answer(), self.answers.reviewer()

    def body(self) -> dict:
        """What the API is sent."""
        return {"answer": self.answer.pk, "skill": self.answers.skill_id, "score": SCORE}


def _score_cases(reviewer_name: str) -> list[Case]:
    answers = FreshAnswers(reviewer_name)
    by_service, by_api = Scoring(answers), Scoring(answers)
    client = Client()
    client.force_login(answers.reviewer())

    def record() -> None:
        skill_score_record(
            answer=by_service.answer, skill=answers.skill_id, scorer=by_service.reviewer, score=SCORE
        )

    def post() -> None:
        response = client.post("/api/v1/skill-scores/", by_api.body(), content_type="application/json")
        if response.status_code != 201:
            raise RuntimeError(f"scoring through the API answered {response.status_code}: {response.content}")

    return [
        Case(SERVICE_SCORE, record, by_service.prepare),
        Case("record one skill score, API", post, by_api.prepare),
    ]


def cases_all(subjects: dict, *, only: str = "") -> list[Case]:
    """Every case, or those whose name contains `only` (case-insensitive)."""
    anonymous, me = Client(), Client()
    me.force_login(get_user_model().objects.get(username=subjects["user"]))
    cases = [
        *_list_cases("anonymous", anonymous),
        *_list_cases("logged in", me),
        *_detail_cases("owner", me, subjects["owner_persona"]),
        *_detail_cases("anonymous", anonymous, subjects["public_persona"]),
        *_score_cases(subjects["reviewer"]),
    ]
    return [case for case in cases if only.lower() in case.name.lower()]
