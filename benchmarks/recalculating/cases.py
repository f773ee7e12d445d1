"""What the runner times besides the recalculation (with benchmarks.scaling.measure): recording one skill
score with its live update, and a leaderboard page of 100 entries, HTML and API, with the board's order
cached and recomputed (a live change to a placed persona drops it, so both happen in production)."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.test import Client

from benchmarks.scaling.measure import Case
from leveling.models import Attribute
from metrics.board_cache import boards_invalidate
from persona.models import Persona
from prompts.models import Answer, Prompt
from prompts.services import answer_create, skill_scores_record

SCORE = 7
BAND = "gold"
SCORE_CASE = "record one skill score, live update"
BOARD_CASES = {
    "board page": "/leaderboards/{slug}/?band=" + BAND,
    "board API": "/api/v1/leaderboards/{slug}/?band=" + BAND,
}
CACHED, RECOMPUTED = "cached order", "order recomputed"


class FreshAnswers:
    """Answers nobody scored yet, one before each run: the next generated persona (from the last) that
    has not answered the fresh prompt answers it, through the service. Looked up a batch at a time."""

    BATCH = 50

    def __init__(self, *, prompt_id: int, reviewer: str):
        self.prompt = Prompt.objects.get(pk=prompt_id)
        self.skill_id = self.prompt.prompt_skills.order_by("skill_id").values_list("skill_id", flat=True)[0]
        self.reviewer_name = reviewer
        self.waiting: list[Persona] = []

    def reviewer(self):
        """Loaded afresh, as each request loads its user (no permission cache carried over)."""
        return get_user_model().objects.get(username=self.reviewer_name)

    def next_answer(self) -> Answer:
        if not self.waiting:
            answered = Answer.objects.filter(persona=OuterRef("pk"), prompt=self.prompt)
            unanswered = Persona.objects.filter(~Exists(answered)).select_related("owner")
            self.waiting = list(unanswered.order_by("-pk")[: self.BATCH])
        persona = self.waiting.pop(0)
        made = answer_create(persona=persona, prompt=self.prompt, actor=persona.owner, text="A fresh answer.")
        return Answer.objects.select_related("persona", "prompt").get(pk=made.pk)  # as the API loads it


def score_case(*, prompt_id: int, reviewer: str) -> Case:
    answers = FreshAnswers(prompt_id=prompt_id, reviewer=reviewer)
    scoring = {}

    def prepare() -> None:
        scoring.update(answer=answers.next_answer(), scorer=answers.reviewer())

    def record() -> None:
        skill_scores_record(**scoring, scores={answers.skill_id: SCORE})

    return Case(SCORE_CASE, record, prepare)


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")


def board_cases(attribute: Attribute) -> list[Case]:
    """Each board request with its order cached (warmed by the run before), then recomputed (the
    attribute's boards dropped before each run, as a live change of a placed persona drops them)."""
    client = Client()
    cases = []
    for name, url in BOARD_CASES.items():
        address = url.format(slug=attribute.slug)
        cases.append(Case(f"{name}, {CACHED}", lambda address=address: _get(client, address)))
        cases.append(
            Case(
                f"{name}, {RECOMPUTED}",
                lambda address=address: _get(client, address),
                lambda: boards_invalidate(attribute.pk),
            )
        )
    return cases


def board_entries(attribute: Attribute) -> int:
    """Entries on the API's first page of the board (100 once the band holds that many)."""
    return len(Client().get(BOARD_CASES["board API"].format(slug=attribute.slug)).json()["results"])
