from django.apps import AppConfig


class LevelingConfig(AppConfig):
    name = "leveling"
    verbose_name = "Leveling"

    def ready(self):
        from leveling import handlers
        from persona import signals as persona_signals

        persona_signals.persona_created.connect(
            handlers.initialize_new_persona, dispatch_uid="leveling.initialize_new_persona"
        )
        persona_signals.persona_forked.connect(
            handlers.inherit_parent_skills, dispatch_uid="leveling.inherit_parent_skills"
        )
