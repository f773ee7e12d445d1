"""Insights pages under /personas/<slug>/ (insviews adds the details and compare pages here)."""

from django.urls import path

from insights.views import messaging, needs, profile

app_name = "insights"
urlpatterns = [
    path("<slug:slug>/research-profile/", profile.research_profile_edit, name="profile_edit"),
    path("<slug:slug>/needs/", needs.needs_page, name="needs"),
    path("<slug:slug>/needs/generate/", needs.needs_generate, name="needs_generate"),
    path("<slug:slug>/needs/edit/", needs.needs_edit, name="needs_edit"),
    path("<slug:slug>/messaging/", messaging.messaging_page, name="messaging"),
]
