from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import selectors
        from accounts.models import Profile
        from core.uploads import register_upload_folder

        register_upload_folder(Profile._meta.get_field("avatar").folder, selectors.avatar_upload_access)
