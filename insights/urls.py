"""Insights pages under /personas/<slug>/ (mounted in config/urls.py beside persona's own)."""

from django.urls import path

from insights.views import messaging, needs, profile
from insights.views.compare import persona_compare_page
from insights.views.details import persona_details_page
from insights.views.export import persona_export_page

app_name = "insights"
urlpatterns = [
    path("<slug:slug>/research-profile/", profile.research_profile_edit, name="profile_edit"),
    path("<slug:slug>/needs/", needs.needs_page, name="needs"),
    path("<slug:slug>/needs/generate/", needs.needs_generate, name="needs_generate"),
    path("<slug:slug>/needs/edit/", needs.needs_edit, name="needs_edit"),
    path("<slug:slug>/messaging/", messaging.messaging_page, name="messaging"),
    path("<slug:slug>/details/", persona_details_page, name="details"),
    path("<slug:slug>/compare/", persona_compare_page, name="compare"),
    path("<slug:slug>/details/export/", persona_export_page, name="export"),
]
