"""The notifications page and marking them read (one, or all), as POST forms that work without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from content import notifications, services
from core.paging import CappedPaginator
from persona.views.common import safe_next

PAGE_SIZE = 20


@login_required
def notification_list(request):
    rows = notifications.notification_list_for(user=request.user)
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [
        {
            "notification": notification,
            "sentence": notifications.notification_sentence(notification),
            "link": notifications.notification_link(notification),
        }
        for notification in page.object_list
    ]
    return render(request, "content/notifications.html", {"page": page, "entries": entries})


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = services.notification_mark_read(user=request.user, pk=pk)
    if request.POST.get("open"):
        return redirect(notifications.notification_link(notification))
    return redirect(safe_next(request) or "notifications:list")


@login_required
@require_POST
def notifications_read_all(request):
    marked = services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"Marked {marked} notification{'' if marked == 1 else 's'} read.")
    return redirect("notifications:list")
