from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = "Chats"

    def ready(self):
        from chat.views.panels import chat_panel
        from persona import panels

        panels.panel_register("detail", chat_panel)
