"""OpenAI's paths, without a trailing slash as OpenAI clients send them (core.middleware serves them
with one too)."""

from django.urls import path, register_converter

from gateway.api.views import ChatCompletionApi, ModelDetailApi, ModelListApi


class AnyTextConverter:
    """Any text at all, newlines included (Django's `path` converter stops at one)."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AnyTextConverter, "anytext")

urlpatterns = [
    path("models", ModelListApi.as_view(), name="gateway-models"),
    # Any text is a model name, even with a "/" no slug holds: every unknown model is this view's 404.
    path("models/<anytext:slug>", ModelDetailApi.as_view(), name="gateway-model"),
    path("chat/completions", ChatCompletionApi.as_view(), name="gateway-chat-completions"),
]
