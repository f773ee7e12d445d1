"""Chats: a user's conversation with a persona, saved to continue later. A chat is its owner's alone."""

from django.db import models

from core.models import OwnedModel, TimeStampedModel

MAX_TITLE_LENGTH = 200
MAX_MESSAGE_LENGTH = 20_000


class Chat(OwnedModel):
    persona = models.ForeignKey("persona.Persona", on_delete=models.CASCADE, related_name="chats")
    title = models.CharField(max_length=MAX_TITLE_LENGTH)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-updated_at"], name="chat_owner_recent")]

    def __str__(self):
        return f"Chat {self.pk}"  # never the title: the admin and logs show metadata only

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("chat:detail", kwargs={"pk": self.pk})


class MessageRole(models.TextChoices):
    USER = "user", "User"
    ASSISTANT = "assistant", "Assistant"


class MessageStatus(models.TextChoices):
    COMPLETE = "complete", "Complete"
    STOPPED = "stopped", "Stopped"  # the user stopped the reply; what had arrived is kept


class Message(TimeStampedModel):
    Role, Status = MessageRole, MessageStatus

    chat = models.ForeignKey(Chat, on_delete=models.CASCADE, related_name="messages")
    role = models.CharField(max_length=16, choices=Role.choices)
    content = models.TextField(max_length=MAX_MESSAGE_LENGTH)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.COMPLETE)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Message {self.pk}"
