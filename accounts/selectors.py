"""Reads of people: their profile, and the personas their page lists (what the viewer may list, through
persona's selectors, so a stranger never sees a private one and the owner sees all of theirs)."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Profile
from core.uploads import UploadAccess
from persona.models import Persona
from persona.selectors import persona_list_visible_to

User = get_user_model()


def user_get_by_username(*, username: str):
    """A person by username (case-insensitive, as sign-up keeps them unique); else 404. Deactivated
    accounts (and the built-in one owning the default persona) keep their page: their public personas
    are still listed, and every card links to its creator."""
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        raise Http404("No such person.")
    return user


def profile_for(*, user) -> Profile:
    """The user's profile, or an unsaved empty one if they never filled it in."""
    return Profile.objects.filter(user=user).first() or Profile(user=user)


def profile_personas_visible_to(*, viewer, owner) -> tuple[QuerySet[Persona], QuerySet[Persona]]:
    """The owner's personas the viewer may list, newest first: (their own creations, their forks)."""
    theirs = persona_list_visible_to(user=viewer).filter(owner=owner).order_by("-created_at", "-id")
    return theirs.filter(forked_from__isnull=True), theirs.filter(forked_from__isnull=False)


def avatar_upload_access(*, user, name: str) -> UploadAccess:
    """Avatars are on public pages: public while a profile shows them, otherwise missing."""
    return UploadAccess.PUBLIC if Profile.objects.filter(avatar=name).exists() else UploadAccess.NONE
