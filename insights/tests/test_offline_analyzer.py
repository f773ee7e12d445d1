import pytest
from django.utils import timezone

from chat.models import Chat, Message, MessageRole
from insights.analyzers.offline import analyze_offline
from insights.demo import RESEARCH_ANSWERS, RESEARCH_PROMPTS
from insights.sources import Source, needs_sources
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import AnswerFactory, PromptFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def basil(alice):
    persona = PersonaFactory(owner=alice, name="Basil Test")
    for (title, _, _), text in zip(RESEARCH_PROMPTS, RESEARCH_ANSWERS["Chef Basil"], strict=True):
        AnswerFactory(persona=persona, prompt=PromptFactory(title=title), text=text)
    return persona


def _all_quotes(document):
    return [q for item in [*document.jobs_to_be_done, *document.pain_points] for q in item.quotes]


def test_finds_jobs_pains_and_outcomes_in_real_answers(basil):
    document = analyze_offline(needs_sources(persona=basil))
    statements = [job.statement for job in document.jobs_to_be_done]
    assert (
        "When I get home after a long shift, I want to cook something healthy in twenty minutes, so I can "
        "still eat with my kids." in statements
    )
    assert {pain.title for pain in document.pain_points} >= {
        "Losing time",
        "Costs too much",
        "Things break or fail",
    }
    outcomes = {o.statement: o for o in document.desired_outcomes}
    assert "See a week of recipes that use what is already in my fridge" in outcomes
    assert outcomes["Minimize the time it takes to get things done"].measurable is True


def test_every_quote_is_an_excerpt_of_the_answer_it_names(basil):
    sources = {(s.kind, s.id): s.text for s in needs_sources(persona=basil)}
    quotes = _all_quotes(analyze_offline(list(needs_sources(persona=basil))))
    assert quotes
    for quote in quotes:
        assert quote.text in sources[(quote.source.value, quote.source_id)]


def test_same_answers_same_document(basil):
    sources = needs_sources(persona=basil)
    assert analyze_offline(sources) == analyze_offline(sources)


def test_must_words_and_echoes_raise_priority_and_pains_are_ranked(basil):
    document = analyze_offline(needs_sources(persona=basil))
    priorities = [job.priority for job in document.jobs_to_be_done]
    assert priorities == sorted(priorities, reverse=True)
    grocery = next(job for job in document.jobs_to_be_done if "grocery bill" in job.motivation)
    assert grocery.priority >= 7
    severities = [pain.severity for pain in document.pain_points]
    assert severities == sorted(severities, reverse=True)


def test_no_answers_no_needs(alice):
    document = analyze_offline(needs_sources(persona=PersonaFactory(owner=alice)))
    assert (document.jobs_to_be_done, document.pain_points, document.desired_outcomes) == ([], [], [])


def test_chat_replies_count_only_from_the_owners_chats(alice, bob):
    persona = PersonaFactory(owner=alice)
    own_chat = Chat.objects.create(owner=alice, persona=persona, title="Alice's")
    others_chat = Chat.objects.create(owner=bob, persona=persona, title="Bob's")
    Message.objects.create(chat=own_chat, role=MessageRole.USER, content="What annoys you?")
    reply = Message.objects.create(
        chat=own_chat, role=MessageRole.ASSISTANT, content="Waiting in queues is so slow. I hate it."
    )
    Message.objects.create(chat=others_chat, role=MessageRole.ASSISTANT, content="Bob's chat is expensive.")
    sources = needs_sources(persona=persona)
    assert [(s.kind, s.id) for s in sources] == [("chat", reply.pk)]
    pains = analyze_offline(sources).pain_points
    assert [(p.title, p.quotes[0].text, p.quotes[0].source) for p in pains] == [
        ("Frustration", "I hate it.", "chat"),  # a strong word: more severe
        ("Losing time", "Waiting in queues is so slow.", "chat"),
    ]


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        (
            "Whenever I travel, I want to pack light so that the bag fits under the seat.",
            "When I travel, I want to pack light, so I can make sure the bag fits under the seat.",
        ),
        (
            "I need to call my bank because the app is broken.",
            'When answering "Money", I want to call my bank, so I can get it done.',
        ),
        (
            "When rent is due, I have to move money in order to avoid fees.",
            "When rent is due, I want to move money, so I can avoid fees.",
        ),
    ],
)
def test_job_statements_from_goal_sentences(text, statement):
    source = Source("answer", 1, "Money", text, timezone.now())
    assert [job.statement for job in analyze_offline([source]).jobs_to_be_done] == [statement]
