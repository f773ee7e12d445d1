"""Projects and their members."""

from django.core.exceptions import ValidationError
from django.db import transaction

from characters import rules
from characters.models import MemberRole, Project, ProjectMembership
from characters.services.common import require
from core import slugs


def unique_project_slug(name: str, *, exclude_pk: int | None = None) -> str:
    def in_use(slug: str) -> bool:
        return Project.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()

    return slugs.unique_slug(name, in_use=in_use, fallback="project")


@transaction.atomic
def project_create(*, actor, name: str, description: str = "") -> Project:
    project = Project(owner=actor, name=name, description=description, slug=unique_project_slug(name))
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_update(*, project: Project, actor, **fields) -> Project:
    require(rules.can_edit_project(actor, project), "Only the project's owner changes it.")
    renamed = "name" in fields and fields["name"] != project.name
    for name, value in fields.items():
        setattr(project, name, value)
    if renamed:
        project.slug = unique_project_slug(project.name, exclude_pk=project.pk)
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_member_set(*, project: Project, actor, user, role: str) -> ProjectMembership:
    require(rules.can_edit_project(actor, project), "Only the project's owner adds members.")
    if role not in MemberRole.values:
        raise ValidationError({"role": f"Choose one of: {', '.join(MemberRole.values)}."})
    if user.pk == project.owner_id:
        raise ValidationError({"user": "The project's owner is always a member."})
    membership, _ = ProjectMembership.objects.update_or_create(
        project=project, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def project_member_remove(*, project: Project, actor, user) -> None:
    require(rules.can_edit_project(actor, project), "Only the project's owner removes members.")
    ProjectMembership.objects.filter(project=project, user=user).delete()


@transaction.atomic
def project_delete(*, project: Project, actor) -> None:
    require(rules.can_edit_project(actor, project), "Only the project's owner deletes it.")
    project.delete()
