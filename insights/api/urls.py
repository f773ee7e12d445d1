"""Insights API paths under /api/v1/ (mounted in config/urls.py)."""

from django.urls import path

from insights.api.details import PersonaCompareApi, PersonaDetailsApi, PersonaExportApi

urlpatterns = [
    path("personas/<int:pk>/details/", PersonaDetailsApi.as_view(), name="persona-details"),
    path("personas/<int:pk>/actions/compare/", PersonaCompareApi.as_view(), name="persona-compare"),
    path("personas/<int:pk>/actions/export/", PersonaExportApi.as_view(), name="persona-export"),
]
