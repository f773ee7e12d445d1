from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "metrics"
    verbose_name = "Ratings and standings"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate

        from leveling import signals as leveling_signals
        from metrics import handlers, reference_data, selectors
        from metrics.views.standings import standings_panel
        from persona import cards, panels
        from persona import signals as persona_signals
        from prompts.models import SkillScore

        post_migrate.connect(
            reference_data.ensure_after_migrate, sender=self, dispatch_uid="metrics.reference"
        )

        leveling_signals.persona_progressed.connect(
            handlers.refresh_after_progress, dispatch_uid="metrics.refresh_after_progress"
        )
        leveling_signals.tutorial_advanced.connect(
            handlers.refresh_after_progress, dispatch_uid="metrics.refresh_after_tutorial"
        )
        persona_signals.persona_updated.connect(
            handlers.refresh_after_edit, dispatch_uid="metrics.refresh_after_edit"
        )
        post_delete.connect(
            handlers.facts_due_after_score_deleted, sender=SkillScore, dispatch_uid="metrics.facts_due"
        )
        persona_signals.persona_deleted.connect(
            handlers.forget_deleted, dispatch_uid="metrics.forget_deleted"
        )
        persona_signals.persona_undeleted.connect(
            handlers.refresh_after_undelete, dispatch_uid="metrics.refresh_after_undelete"
        )

        panels.panel_register("detail", standings_panel)
        panels.panel_register("progress", standings_panel)
        cards.card_facts_register("tier", selectors.persona_headline_tiers)
