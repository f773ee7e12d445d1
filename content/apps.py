from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content and interactions"

    def ready(self):
        from django.db.models.signals import post_migrate

        from content import handlers, reference_data, selectors
        from content import signals as content_signals
        from content.models import ContentItem
        from content.views.panels import content_panel
        from content.views.story import story_panel
        from core.uploads import register_upload_folder
        from leveling import signals as leveling_signals
        from metrics import signals as metrics_signals
        from persona import panels
        from persona import signals as persona_signals
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

        for signal, receiver in (
            (content_signals.content_liked, handlers.notify_liked),
            (content_signals.content_commented, handlers.notify_commented),
            (content_signals.content_shared, handlers.notify_content_shared),
            (persona_signals.persona_forked, handlers.notify_forked),
            (persona_signals.persona_shared, handlers.notify_shared_with_you),
            (persona_signals.persona_unshared, handlers.forget_unread_count_of_unshared),
            (persona_signals.persona_updated, handlers.forget_unread_counts_on_visibility),
            (persona_signals.persona_deleted, handlers.forget_unread_counts_of_persona),
            (persona_signals.persona_undeleted, handlers.forget_unread_counts_of_persona),
            (metrics_signals.tier_changed, handlers.notify_tier_changed),
            (metrics_signals.proposal_opened, handlers.notify_proposal_opened),
            (leveling_signals.rewards_earned, handlers.notify_rewards),
        ):
            signal.connect(receiver, dispatch_uid=f"content.{receiver.__name__}")

        panels.panel_register("detail", content_panel)
        panels.panel_register("detail", story_panel)
