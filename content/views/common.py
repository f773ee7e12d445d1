"""What the content pages share: the way back after a POST."""

from django.shortcuts import redirect

from content.models import ContentItem
from persona.views.common import safe_next


def back_to(request, item: ContentItem, anchor: str = ""):
    """The page the form was on (`next`), else the item's page."""
    return redirect(safe_next(request) or f"{item.get_absolute_url()}{anchor}")
