"""Read-only admin pages: profiles and needs are edited on the site (through the services, with their
audit entries); audit entries are a record, never edited. Rows are scoped to personas the user may read
(persona.admin_scoping); audit entries, which hold IP addresses, to the owners and moderators who may see
the audit log (insights.rules)."""

from django.contrib import admin

from core.admin import HistoryAdmin
from insights.models import AuditEntry, NeedsAnalysis, ResearchProfile
from persona import rules as persona_rules
from persona.admin_scoping import PersonaScopedAdminMixin


class _ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ResearchProfile)
class ResearchProfileAdmin(_ReadOnly, PersonaScopedAdminMixin, HistoryAdmin):
    list_display = ("persona", "segment_name", "age", "occupation", "updated_at")
    search_fields = ("persona__name", "segment_name", "segment_id", "occupation")
    list_filter = ("education_level", "income_bracket")
    list_select_related = ("persona",)
    raw_id_fields = ("persona",)


@admin.register(NeedsAnalysis)
class NeedsAnalysisAdmin(_ReadOnly, PersonaScopedAdminMixin, admin.ModelAdmin):
    list_display = ("persona", "status", "generator", "generated_at")
    list_filter = ("status", "generator")
    search_fields = ("persona__name",)
    list_select_related = ("persona",)
    raw_id_fields = ("persona",)


@admin.register(AuditEntry)
class AuditEntryAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ("created_at", "action", "persona", "user", "ip_address")
    list_filter = ("action", "created_at")
    search_fields = ("persona__name", "user__username")
    list_select_related = ("persona", "user")
    raw_id_fields = ("persona", "user")
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser or request.user.has_perm(persona_rules.DELETE):
            return queryset  # moderators see every persona's audit log
        return queryset.filter(persona__owner=request.user)
