from django.apps import AppConfig


class PersonaConfig(AppConfig):
    name = "persona"
    verbose_name = "Personas"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from core.uploads import register_upload_folder
        from persona import handlers, reference_data, selectors, signals
        from persona.models import Persona, PersonaGroupObjectPermission, PersonaUserObjectPermission
        from persona.shares import persona_shares_changed

        for field in ("image", "thumbnail"):
            register_upload_folder(Persona._meta.get_field(field).folder, selectors.persona_upload_access)
        post_migrate.connect(
            reference_data.ensure_after_migrate, sender=self, dispatch_uid="persona.reference"
        )

        signals.persona_created.connect(handlers.log_persona_created, dispatch_uid="persona.log_created")
        signals.persona_forked.connect(handlers.log_persona_forked, dispatch_uid="persona.log_forked")
        signals.persona_updated.connect(handlers.log_persona_updated, dispatch_uid="persona.log_updated")
        signals.persona_deleted.connect(handlers.log_persona_deleted, dispatch_uid="persona.log_deleted")
        signals.persona_undeleted.connect(
            handlers.log_persona_undeleted, dispatch_uid="persona.log_undeleted"
        )
        for signal in (
            signals.persona_created,
            signals.persona_updated,
            signals.persona_deleted,
            signals.persona_undeleted,
        ):
            signal.connect(handlers.forget_anonymous_pages, dispatch_uid=f"persona.forget_pages.{id(signal)}")
        for model in (PersonaUserObjectPermission, PersonaGroupObjectPermission):
            for signal in (post_save, post_delete):
                signal.connect(
                    persona_shares_changed,
                    sender=model,
                    dispatch_uid=f"persona.shares.{model.__name__}.{id(signal)}",
                )
