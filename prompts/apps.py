from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "prompts"
    verbose_name = "Prompts and answers"

    def ready(self):
        from django.db.models.signals import post_migrate

        from prompts import reference_data

        post_migrate.connect(
            reference_data.ensure_after_migrate, sender=self, dispatch_uid="prompts.reference"
        )
