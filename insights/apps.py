from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = "Persona insights"

    def ready(self):
        from django.db.models.signals import post_migrate

        from insights import handlers, reference_data
        from insights.views.panels import research_panel
        from persona import panels

        handlers.connect()
        panels.panel_register("detail", research_panel)
        post_migrate.connect(
            reference_data.ensure_after_migrate, sender=self, dispatch_uid="insights.reference"
        )
