"""Personas with research profiles and needs, for the details, compare and export tests."""

from django.utils import timezone

from insights.models import NeedsAnalysis, NeedsStatus
from insights.tests.factories import ResearchProfileFactory
from persona.models import Visibility
from persona.tests.factories import PersonaFactory

NEEDS = {
    "jobs_to_be_done": [
        {"situation": "I plan the week", "motivation": "to see shifts", "outcome": "rest", "priority": 4},
        {
            "situation": "a shift ends late",
            "motivation": "a quick meal",
            "outcome": "sleep early",
            "priority": 9,
            "quotes": [{"text": "Call me at 0612 345 678 after nine"}],
        },
    ],
    "desired_outcomes": [{"statement": "Minimise time cooking", "importance": 9, "satisfaction": 3}],
    "pain_points": [
        {"title": "Noise", "severity": 3},
        {"title": "Night shifts", "severity": 8, "quotes": [{"text": "Write to nurse@example.org"}]},
    ],
}


def researched_persona(*, owner, name="Maria Lopez", visibility=Visibility.PRIVATE, needs=True, **profile):
    persona = PersonaFactory(owner=owner, name=name, visibility=visibility)
    ResearchProfileFactory(persona=persona, **profile)
    if needs:
        NeedsAnalysis.objects.create(
            persona=persona,
            document=NEEDS,
            status=NeedsStatus.READY,
            generator="offline",
            generated_at=timezone.now(),
        )
    return persona
