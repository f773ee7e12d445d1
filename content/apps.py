from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content and interactions"

    def ready(self):
        from django.db.models.signals import post_migrate

        from content import handlers, reference_data, selectors
        from content.models import ContentItem
        from content.views.panels import content_panel
        from core.uploads import register_upload_folder
        from persona import panels
        from prompts import signals as prompts_signals

        for field in ("image", "thumbnail"):
            register_upload_folder(ContentItem._meta.get_field(field).folder, selectors.content_upload_access)
        post_migrate.connect(
            reference_data.ensure_after_migrate, sender=self, dispatch_uid="content.reference"
        )

        prompts_signals.answer_submitted.connect(
            handlers.publish_answer, dispatch_uid="content.publish_answer"
        )
        prompts_signals.answer_edited.connect(
            handlers.follow_answer_edit, dispatch_uid="content.follow_answer_edit"
        )

        panels.panel_register("detail", content_panel)
