from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The front page: it shows what other apps hold (personas, notifications) and owns no data."""

    name = "home"
    verbose_name = "Home"
