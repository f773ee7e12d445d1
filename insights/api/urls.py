"""Insights API paths under /api/v1/ (mounted in config/urls.py)."""

from django.urls import path

from insights.api import views
from insights.api.details import PersonaCompareApi, PersonaDetailsApi, PersonaExportApi

app_name = "insights-api"
PERSONA = "personas/<int:persona_id>/"

urlpatterns = [
    path(f"{PERSONA}research-profile/", views.ResearchProfileApi.as_view(), name="research-profile"),
    path(f"{PERSONA}needs/", views.NeedsApi.as_view(), name="needs"),
    path(f"{PERSONA}actions/generate-needs/", views.GenerateNeedsApi.as_view(), name="generate-needs"),
    path(f"{PERSONA}audit-log/", views.AuditLogApi.as_view(), name="audit-log"),
    path(f"{PERSONA}actions/messaging/", views.MessagingApi.as_view(), name="messaging"),
    path("personas/<int:pk>/details/", PersonaDetailsApi.as_view(), name="persona-details"),
    path("personas/<int:pk>/actions/compare/", PersonaCompareApi.as_view(), name="persona-compare"),
    path("personas/<int:pk>/actions/export/", PersonaExportApi.as_view(), name="persona-export"),
]
