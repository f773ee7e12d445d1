"""Who may do what with a character. Its creator may do everything; members of one of its projects see
it (editors and the project's owner change it too); moderators hold the permissions globally (the
"moderators" group). Public characters are for everyone to see."""

from characters.models import CharacterProfile, MemberRole, Project, ProjectMembership

VIEW, CHANGE = "characters.view_characterprofile", "characters.change_characterprofile"


def is_moderator(user) -> bool:
    return user.is_authenticated and user.has_perm(CHANGE)


def _in_projects(user, character: CharacterProfile, *, editing: bool) -> bool:
    if not user.is_authenticated or character.pk is None:
        return False
    projects = character.projects.all()
    if projects.filter(owner=user).exists():
        return True
    memberships = ProjectMembership.objects.filter(project__in=projects, user=user)
    return (memberships.filter(role=MemberRole.EDITOR) if editing else memberships).exists()


def is_creator(user, character: CharacterProfile) -> bool:
    return user.is_authenticated and character.created_by_id == user.pk


def can_view(user, character: CharacterProfile) -> bool:
    if character.is_public or is_creator(user, character):
        return True
    return (user.is_authenticated and user.has_perm(VIEW)) or _in_projects(user, character, editing=False)


def can_edit(user, character: CharacterProfile) -> bool:
    return is_creator(user, character) or is_moderator(user) or _in_projects(user, character, editing=True)


def can_moderate(user) -> bool:
    """Featured characters are chosen by moderators."""
    return is_moderator(user)


def can_view_project(user, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    if project.owner_id == user.pk or user.has_perm(VIEW):
        return True
    return project.memberships.filter(user=user).exists()


def can_edit_project(user, project: Project) -> bool:
    return user.is_authenticated and (project.owner_id == user.pk or user.has_perm(CHANGE))


def can_add_to_project(user, project: Project) -> bool:
    if can_edit_project(user, project):
        return True
    return project.memberships.filter(user=user, role=MemberRole.EDITOR).exists()
