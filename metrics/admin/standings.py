"""Standings, their snapshots and tier events, and the daily recalculation's runs: all read-only, since
ratings are computed, never typed in. Rows that hang on a persona go through the persona selectors
(staff see those of personas they may read). The runs' list has a button that runs the daily
recalculation now."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from leveling.admin import ReadOnlyAdmin
from metrics.models import RecalculationRun, Standing, StandingSnapshot, TierEvent

RUN_PERMISSION = "metrics.add_recalculationrun"  # starting the recalculation adds its runs


class ComputedAdmin(ReadOnlyAdmin):
    show_full_result_count = False  # a second COUNT over millions of rows for "(N total)"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Standing)
class StandingAdmin(ComputedAdmin):
    list_display = ["persona", "attribute", "tier", "rank", "rating", "eligible", "reviewers"]
    list_filter = ["attribute", "tier", "eligible"]
    list_select_related = ["persona", "attribute"]
    ordering = ["attribute_id", "tier", "-rating", "rated_at", "persona_id"]  # the index standing_board


@admin.register(StandingSnapshot)
class StandingSnapshotAdmin(ComputedAdmin):
    list_display = ["persona", "attribute", "day", "rating", "tier", "rank"]
    list_filter = ["attribute", "tier"]
    list_select_related = ["persona", "attribute"]
    date_hierarchy = "day"


@admin.register(TierEvent)
class TierEventAdmin(ComputedAdmin):
    list_display = ["persona", "attribute", "day", "from_tier", "to_tier"]
    list_filter = ["attribute", "to_tier"]
    list_select_related = ["persona", "attribute"]
    date_hierarchy = "day"


@admin.register(RecalculationRun)
class RecalculationRunAdmin(admin.ModelAdmin):
    list_display = ["day", "attribute", "status", "started_at", "finished_at"]
    list_filter = ["status", "attribute"]
    list_select_related = ["attribute"]
    change_list_template = "admin/metrics/recalculationrun/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        run_now = self.admin_site.admin_view(require_POST(self.run_now_view))
        return [path("run-now/", run_now, name="metrics_recalculationrun_run_now"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_run": request.user.has_perm(RUN_PERMISSION)}
        return super().changelist_view(request, extra_context)

    def run_now_view(self, request):
        """Run the daily recalculation now: the same Celery task the beat schedule starts."""
        if not request.user.has_perm(RUN_PERMISSION):
            raise PermissionDenied
        from metrics.tasks import standings_recalculate_daily  # on use: it loads the whole recalculation

        transaction.on_commit(standings_recalculate_daily.delay)
        self.message_user(request, "The daily recalculation is queued; its runs show here as they start.")
        return redirect("admin:metrics_recalculationrun_changelist")
