"""Receivers of prompts' signals: each a call to a content service."""

from content.services import content_answer_sync, content_from_answer


def publish_answer(sender, answer, **kwargs):
    content_from_answer(answer=answer)


def follow_answer_edit(sender, answer, **kwargs):
    content_answer_sync(answer=answer)
