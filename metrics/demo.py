"""Demo data for the ranked game: the public demo personas answer Cognition prompts over three days,
each answer scored by enough reviewers through the real services, and the daily recalculation runs for
each of those days, so the boards, a ranked ladder and the rating histories show something; a moderator
opens a proposal for the ranked personas. Small boards make a handful of personas fill them: `make run`
sets bands of 2/2/2 places, ladders of 2/2/1/1 from level 5 and two reviewers' evidence (METRICS_* in
the Makefile).

Idempotent: prompts are found by title, answers by persona and prompt, scores by their reviewer, the
proposal by its title while open; past days are recalculated only when their answers were new, and
today's recalculation gives the same result however often it runs."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from leveling.models import Skill
from metrics.models import Proposal
from metrics.policy import metrics_policy
from metrics.services import proposal_create, standings_recalculate_all
from persona.demo import demo_user
from persona.models import Persona
from prompts.models import Answer, Prompt, SkillScore
from prompts.services import answer_create, prompt_create, skill_scores_record

# Reviewers: as many as the policy asks of a placed persona's evidence, up to three (`make run` asks
# two, the default policy three).
REVIEWERS = ("rita", "remy", "rosa")
COGNITION_SKILLS = ("reasoning", "problem-solving", "knowledge")
# Each prompt assesses every Cognition skill, so six answers pass the attribute's tutorial.
PROMPTS = [
    ("Estimate the piano tuners of a city", "Show each assumption and the arithmetic."),
    ("Find the flaw in a proof that 1 = 2", "Name the step that fails and why."),
    ("Plan a day across three cities by train", "Timetables, a lunch stop and a back-up plan."),
    ("Why does ice float?", "Explain it from the molecules up."),
    ("Get the wolf, the goat and the cabbage across", "Solve the river crossing and say why it works."),
    ("Split a restaurant bill fairly", "Five friends, shared starters, one who did not drink."),
    ("Spot the bias in a statistic", "“9 out of 10 dentists recommend it”: what could be wrong?"),
    ("Schedule a tournament for seven teams", "Everyone plays everyone; keep the rest days fair."),
]
# The prompts answered on each day, the last one today: the tutorial's six, then one more a day.
ROUNDS = [range(0, 6), range(6, 7), range(7, 8)]
# The score each persona's answers get on each of those days (the same from every reviewer).
SCORES = {
    "Ada the Analyst": (10, 10, 10),
    "Professor Pixel": (9, 10, 9),
    "Captain Quill": (9, 8, 10),
    "Socratic Sam": (8, 9, 8),
    "Nova the Navigator": (8, 7, 9),
    "Marty the Mentor": (7, 8, 7),
    "Chef Basil": (7, 6, 8),
    "Chef Basil (Vegan)": (6, 7, 6),
    "Chef Basil (Vegan, Quick)": (5, 6, 5),
    "Linguist Lu": (9, 9, 9),  # unlisted: bob sees where it would stand if public
}
PROPOSAL = (
    "Which attribute gets the next ranked season?",
    "The ranked personas choose where the next season's prompts and prizes go.",
    ["Cognition", "Mastery", "Communication", "Versatility"],
)


def seed(*, stdout) -> None:
    moderator = get_user_model().objects.get(username="maude")
    names = REVIEWERS[: max(2, metrics_policy().min_reviewers)]
    reviewers = [demo_user(name, ["reviewers"]) for name in names]
    scored, recalculated = _play_rounds(_prompts(moderator), reviewers)
    # Today's recalculation waits for the commit: each score queues an update of the live positions
    # for then, which would otherwise overwrite the positions the recalculation rebuilds.
    transaction.on_commit(standings_recalculate_all)
    proposal = _open_proposal(moderator)
    stdout.write(
        f"Metrics: {scored} new scores by {', '.join(names)} (reviewers); standings recalculated for "
        f"{', '.join([*recalculated, 'today'])}; “{proposal}” open until {proposal.closes_at:%b %-d}."
    )


def _play_rounds(prompts: list[Prompt], reviewers) -> tuple[int, list[str]]:
    """Each day's answers scored, then that day recalculated (past days only when something was new);
    returns how many scores were new and the days recalculated."""
    personas = list(Persona.objects.filter(name__in=SCORES))
    today, scored, recalculated = timezone.now().date(), 0, []
    for number, prompt_indexes in enumerate(ROUNDS):
        new = sum(
            _answered_and_scored(persona, prompts[index], SCORES[persona.name][number], reviewers)
            for persona in personas
            for index in prompt_indexes
        )
        day = today - timedelta(days=len(ROUNDS) - 1 - number)
        if new and day < today:
            standings_recalculate_all(day=day)
            recalculated.append(f"{day:%b %-d}")
        scored += new
    return scored, recalculated


def _prompts(moderator) -> list[Prompt]:
    skills = [
        {"skill": pk, "weight": 1}
        for pk in Skill.objects.filter(slug__in=COGNITION_SKILLS).values_list("pk", flat=True)
    ]
    return [
        Prompt.objects.filter(title=title).first()
        or prompt_create(
            actor=moderator, title=title, text=text, difficulty=2, is_tutorial=False, skills=skills
        )
        for title, text in PROMPTS
    ]


def _answered_and_scored(persona: Persona, prompt: Prompt, score: int, reviewers) -> int:
    """Answer the prompt once and have each reviewer score it once; how many scores were new."""
    answer = Answer.objects.select_related("persona", "prompt").filter(persona=persona, prompt=prompt).first()
    if answer is None:
        text = f"{persona.name} works through “{prompt.title}” step by step."
        answer = answer_create(persona=persona, prompt=prompt, actor=persona.owner, text=text)
    skills = list(prompt.prompt_skills.values_list("skill_id", flat=True))
    new = 0
    for reviewer in reviewers:
        if not SkillScore.objects.filter(answer=answer, scorer=reviewer).exists():
            skill_scores_record(answer=answer, scorer=reviewer, scores=dict.fromkeys(skills, score))
            new += 1
    return new


def _open_proposal(moderator) -> Proposal:
    title, text, choices = PROPOSAL
    return Proposal.objects.filter(title=title, closes_at__gt=timezone.now()).first() or proposal_create(
        actor=moderator,
        title=title,
        text=text,
        choices=choices,
        closes_at=timezone.now() + timedelta(days=14),
    )
