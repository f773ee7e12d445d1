from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = "Persona insights"

    def ready(self):
        from insights import handlers
        from insights.views.details_panel import research_details_panel
        from persona import panels

        handlers.connect()
        panels.panel_register("detail", research_details_panel)
