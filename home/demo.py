"""Demo profiles for `manage.py seed_demo`. Home comes last among the apps, so the demo people (made by
persona.demo) exist by now; an empty profile is filled once and never overwritten."""

from django.contrib.auth import get_user_model

from accounts.models import Profile
from accounts.services import profile_update

DEMO_PROFILES = {
    "alice": ("Alice Analyst", "Builds careful, friendly helpers. Numbers first, then plain words."),
    "bob": ("Bob in the Kitchen", "Cooks, travels, and writes personas about both."),
    "carol": ("Carol", "Teacher by day; my personas ask more questions than they answer."),
}


def seed(*, stdout) -> None:
    people = get_user_model().objects.filter(username__in=DEMO_PROFILES)
    filled = set(Profile.objects.exclude(display_name="").values_list("user__username", flat=True))
    for person in people:
        if person.username not in filled:
            display_name, bio = DEMO_PROFILES[person.username]
            profile_update(user=person, display_name=display_name, bio=bio)
