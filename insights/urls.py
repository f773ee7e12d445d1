"""Insights pages under /personas/ (mounted in config/urls.py beside persona's own)."""

from django.urls import path

from insights.views.compare import persona_compare_page
from insights.views.details import persona_details_page
from insights.views.export import persona_export_page

app_name = "insights"
urlpatterns = [
    path("<slug:slug>/details/", persona_details_page, name="details"),
    path("<slug:slug>/compare/", persona_compare_page, name="compare"),
    path("<slug:slug>/details/export/", persona_export_page, name="export"),
]
