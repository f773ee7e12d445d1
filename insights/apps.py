from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = "Persona insights"

    def ready(self):
        from insights import handlers

        handlers.connect()
