from django.shortcuts import render

from content import notifications
from core.cache import anonymous_cache
from home import selectors
from persona.cards import personas_for_cards

LATELY = 5


@anonymous_cache("personas")
def home(request):
    featured = selectors.home_featured()
    sections = {
        "featured": featured,
        "trending": selectors.home_trending(exclude=featured),
        "newest": selectors.home_newest(),
        "own": selectors.home_own(user=request.user) if request.user.is_authenticated else [],
    }
    # One pass for every card on the page: its queries do not grow with the number of sections.
    personas_for_cards([persona for shown in sections.values() for persona in shown], user=request.user)
    context = {**sections, "lately": _lately(request.user)}
    return render(request, "home/home.html", context)


def _lately(user) -> list[dict]:
    """What happened to the user's personas lately: their newest notifications, in plain sentences."""
    if not user.is_authenticated:
        return []
    latest = notifications.notification_list_for(user=user)[:LATELY]
    return [
        {
            "notification": notification,
            "sentence": notifications.notification_sentence(notification),
            "link": notifications.notification_link(notification),
        }
        for notification in latest
    ]
