"""Persona API paths outside the router; every path also answers without (or with) its trailing slash."""

from django.urls import path

from persona.api.other_views import ChatInitializeDefaultApi, ChatPersonaListApi, PreferredPersonaApi

urlpatterns = [
    path("me/preferred-persona/", PreferredPersonaApi.as_view(), name="me-preferred-persona"),
    path("chat/personas", ChatPersonaListApi.as_view(), name="chat-personas"),
    path(
        "chat/personas/initialize-default", ChatInitializeDefaultApi.as_view(), name="chat-initialize-default"
    ),
]
