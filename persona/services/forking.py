from django.db import transaction

from persona import rules, signals
from persona.models import DEFINITION_FIELDS, Persona, Visibility
from persona.services.common import lock_owner, require
from persona.services.lifecycle import persona_create

COPIED_FIELDS = (
    "description",
    "ai_link",
    "greeting",
    "alternate_greetings",
    "personality_traits",
    "capabilities",
)


def fork_name_suggestion(persona: Persona, *, owner) -> str:
    """“<name> (fork)”, numbered when the new owner already has that name; fits the 100-character limit."""
    base = persona.name[:93]
    candidate, number = f"{base} (fork)", 2
    while Persona(owner=owner, name=candidate, visibility=Visibility.PRIVATE).name_clash():
        candidate, number = f"{base} (fork {number})", number + 1
    return candidate


@transaction.atomic
def persona_fork(*, persona: Persona, actor, **overrides) -> Persona:
    """A private copy owned by `actor`, linked to its parent. `overrides` replace copied fields.
    The fork gets what the actor may read: definitions hidden from them are not copied (it starts
    without them); definitions they may read come with their hiding, so a fork keeps them hidden."""
    require(rules.can_fork(actor, persona), "You cannot fork this persona.")
    fields = {name: getattr(persona, name) for name in COPIED_FIELDS}
    if rules.can_view_definitions(actor, persona):
        fields.update({name: getattr(persona, name) for name in DEFINITION_FIELDS})
        fields["definitions_hidden"] = persona.definitions_hidden
    if persona.image:
        fields["image"] = persona.image.name
    prompts = [{"title": p.title, "text": p.text} for p in persona.prompts.all()]
    fields["tags"] = sorted(persona.tags.names())
    lock_owner(actor)  # simultaneous forks by one person each get a name of their own
    fields.update(
        name=fork_name_suggestion(persona, owner=actor), visibility=Visibility.PRIVATE, prompts=prompts
    )
    fields.update(overrides)
    fork = persona_create(owner=actor, forked_from=persona, **fields)
    signals.persona_forked.send(sender=Persona, parent=persona, fork=fork, actor=actor)
    return fork
