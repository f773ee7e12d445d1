"""Persona insights for researchers: research profile, needs and pains, audit log, messaging.

What other modules (the details page, compare and export) build on:
- models: ResearchProfile (`persona.research_profile`; BIG_FIVE_FIELDS, HOFSTEDE_FIELDS, `.big_five`,
  `.hofstede`; EducationLevel and IncomeBracket are ordered, rank = position in `.values`), NeedsAnalysis,
  AuditEntry and AuditAction.
- selectors: research_profile_for, research_summary_for (profile and needs state in one query),
  needs_state_for -> NeedsState (`.document_for(viewer)`: ranked, computed scores, chat quotes for the
  owner only; `.status`, `.out_of_date`, `.last_error`), audit_entries_for (404 unless owner or
  moderator), audit_timeline_for (the last 20, or none for other readers).
- services.audit.audit_record(*, persona, action, user=None, details=None, request=None) never raises.
- api.rendering.profile_output / needs_output: the API's shapes of a profile and of the needs.
"""
