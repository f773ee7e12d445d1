from django.apps import AppConfig


class CharactersConfig(AppConfig):
    name = "characters"
    verbose_name = "Characters"

    def ready(self):
        from django.db.models.signals import post_migrate

        from characters import panels, reference_data, selectors
        from characters.models import ReferenceImage
        from core.uploads import register_upload_folder
        from persona.panels import panel_register

        for field in ("image", "thumbnail", "web_image"):
            folder = ReferenceImage._meta.get_field(field).folder
            register_upload_folder(folder, selectors.reference_image_upload_access)
        post_migrate.connect(
            reference_data.ensure_after_migrate, sender=self, dispatch_uid="characters.reference"
        )
        panel_register("detail", panels.based_on_character)
