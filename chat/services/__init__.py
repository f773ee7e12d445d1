from chat.services.chats import (
    chat_create,
    chat_delete,
    chat_greeting_choose,
    chat_greetings,
    chat_rename,
    message_edit,
    message_send,
)
from chat.services.replying import ReplyStream, chat_regenerate, chat_reply, chat_reply_to_replace
from chat.services.transfer import FORMATS, chat_export, chat_import

__all__ = [
    "FORMATS",
    "ReplyStream",
    "chat_create",
    "chat_delete",
    "chat_export",
    "chat_greeting_choose",
    "chat_greetings",
    "chat_import",
    "chat_regenerate",
    "chat_rename",
    "chat_reply",
    "chat_reply_to_replace",
    "message_edit",
    "message_send",
]
