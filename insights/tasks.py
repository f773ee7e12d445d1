import logging

from celery import shared_task

logger = logging.getLogger("yayay.insights")


@shared_task
def needs_generate(persona_id: int, task_id: str) -> str:
    """Generate a persona's needs (insights.services.generation); returns the analysis' status."""
    from insights.services.generation import needs_generation_abandon, needs_generation_run
    from persona.models import Persona

    persona = Persona.objects.filter(pk=persona_id).first()
    if persona is None:
        return "gone"
    try:
        analysis = needs_generation_run(persona=persona, task_id=task_id)
    except Exception:
        logger.exception("needs generation crashed", extra={"persona_id": persona_id})
        needs_generation_abandon(
            persona=persona, task_id=task_id, error="The generation failed unexpectedly."
        )
        raise
    return analysis.status if analysis else "superseded"


@shared_task
def audit_network_data_purge() -> int:
    """Daily (beat): erase audit entries' IP addresses and user agents older than AUDIT_NETWORK_DATA_DAYS."""
    from insights.services.audit import audit_network_data_purge as purge

    return purge()
