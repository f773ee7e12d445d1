"""OpenAI's paths, without a trailing slash as OpenAI clients send them (core.middleware serves them
with one too)."""

from django.urls import path

from gateway.api.views import ChatCompletionApi, ModelDetailApi, ModelListApi

urlpatterns = [
    path("models", ModelListApi.as_view(), name="gateway-models"),
    # Any text is a model name, even with a "/" no slug holds: every unknown model is this view's 404.
    path("models/<path:slug>", ModelDetailApi.as_view(), name="gateway-model"),
    path("chat/completions", ChatCompletionApi.as_view(), name="gateway-chat-completions"),
]
