from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.core import checks

        from core.uploads import checks as upload_checks

        checks.register(upload_checks.check_upload_folders_have_readers)
        checks.register(upload_checks.check_accel_redirect_prefix)
