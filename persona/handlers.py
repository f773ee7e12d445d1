import logging

from core.cache import anonymous_cache_invalidate

logger = logging.getLogger("yayay.activity")


def _actor_id(actor):
    return getattr(actor, "pk", None)


def log_persona_created(sender, persona, actor, **kwargs):
    logger.info(
        "persona created: %s",
        persona.name,
        extra={"event": "persona.created", "persona_id": persona.pk, "actor_id": _actor_id(actor)},
    )


def log_persona_forked(sender, parent, fork, actor, **kwargs):
    logger.info(
        "persona forked from %s",
        parent.pk,
        extra={"event": "persona.forked", "persona_id": fork.pk, "actor_id": _actor_id(actor)},
    )


def log_persona_updated(sender, persona, actor, changed_fields, **kwargs):
    logger.info(
        "persona updated: %s",
        ", ".join(sorted(changed_fields)) or "nothing",
        extra={"event": "persona.updated", "persona_id": persona.pk, "actor_id": _actor_id(actor)},
    )


def log_persona_deleted(sender, persona, actor, **kwargs):
    logger.info(
        "persona deleted (%s)",
        persona.delete_reason or "no reason",
        extra={"event": "persona.deleted", "persona_id": persona.pk, "actor_id": _actor_id(actor)},
    )


def log_persona_undeleted(sender, persona, actor, **kwargs):
    logger.info(
        "persona restored after delete",
        extra={"event": "persona.undeleted", "persona_id": persona.pk, "actor_id": _actor_id(actor)},
    )


def forget_anonymous_pages(sender, **kwargs):
    """Lists and pages anonymous visitors were served may show this persona: serve fresh ones."""
    anonymous_cache_invalidate("personas")
