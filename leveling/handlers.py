"""Receivers of persona signals: a few lines each, calling leveling services."""

from leveling import services


def initialize_new_persona(sender, persona, **kwargs):
    services.persona_leveling_initialize(persona=persona)


def inherit_parent_skills(sender, parent, fork, **kwargs):
    services.persona_skills_inherit(parent=parent, fork=fork)
