from io import StringIO

import pytest
from django.core.management import call_command

from insights.models import AuditEntry, NeedsAnalysis, NeedsStatus
from persona.models import Persona

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_profiles_needs_from_answers_and_an_audit_trail_once():
    call_command("seed_demo", stdout=StringIO())
    audit_count = AuditEntry.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert AuditEntry.objects.count() == audit_count
    for name in ("Chef Basil", "Nova the Navigator"):
        persona = Persona.objects.get(name=name)
        assert persona.research_profile.segment_name
        analysis = NeedsAnalysis.objects.get(persona=persona)
        assert (analysis.status, analysis.generator) == (NeedsStatus.READY, "offline")
        needs = analysis.needs
        assert needs.jobs_to_be_done and needs.pain_points and needs.desired_outcomes
        answers = " ".join(persona.answers.values_list("text", flat=True))
        assert all(q.text in answers for pain in needs.pain_points for q in pain.quotes)
        assert set(AuditEntry.objects.filter(persona=persona).values_list("action", flat=True)) >= {
            "view",
            "export",
            "update",
        }
