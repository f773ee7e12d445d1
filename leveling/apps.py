from django.apps import AppConfig


class LevelingConfig(AppConfig):
    name = "leveling"
    verbose_name = "Leveling"

    def ready(self):
        from django.db.models.signals import post_migrate

        from leveling import handlers, reference_data, selectors
        from persona import cards
        from persona import signals as persona_signals

        post_migrate.connect(
            reference_data.ensure_after_migrate, sender=self, dispatch_uid="leveling.reference"
        )

        persona_signals.persona_created.connect(
            handlers.initialize_new_persona, dispatch_uid="leveling.initialize_new_persona"
        )
        persona_signals.persona_forked.connect(
            handlers.inherit_parent_skills, dispatch_uid="leveling.inherit_parent_skills"
        )
        cards.card_facts_register("level", selectors.persona_headline_levels)
