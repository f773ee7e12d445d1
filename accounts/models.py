import hashlib

from django.conf import settings
from django.db import models

from core import names
from core.models import TimeStampedModel
from core.uploads import ImageUploadField


class ApiToken(TimeStampedModel):
    """An API key; only its SHA-256 is stored, so the key itself is shown once, at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, help_text="First characters of the key, to recognise it.")
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class Profile(TimeStampedModel):
    """What a person shows others on their page (/u/<username>/). Made on first save of the settings
    page; until then accounts.selectors.profile_for gives an unsaved, empty one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        max_length=80,
        blank=True,
        validators=[names.validate_name_characters],
        help_text="Shown instead of your username.",
    )
    avatar = ImageUploadField(folder="avatars", blank=True)
    bio = models.TextField(
        max_length=2000, blank=True, help_text="A few words about you; shown on your page."
    )

    def __str__(self):
        return self.display_name or str(self.user)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.user.get_username()
