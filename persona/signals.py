"""What the persona app announces; other apps listen and persona never imports them.

persona_created(persona, actor)        after a persona (forks included) and its prompts are saved
persona_forked(parent, fork, actor)    after persona_created, for a fork
persona_updated(persona, actor, changed_fields)
persona_deleted(persona, actor)        soft delete
persona_undeleted(persona, actor)      undo of a soft delete
persona_shared(persona, user, actor, role)  after a persona was newly shared with `user` (not a role change)
persona_unshared(persona, user, actor)       after the share with `user` was taken back
All are sent inside the service's transaction, so receivers share it.
"""

from django.dispatch import Signal

persona_created = Signal()
persona_forked = Signal()
persona_updated = Signal()
persona_deleted = Signal()
persona_undeleted = Signal()
persona_shared = Signal()
persona_unshared = Signal()
