"""Project pages: the user's projects, one project with its characters and members; its owner renames
and deletes it. Who may not see a project gets 404, a member who may not change it 403 (as in the API)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from characters import rules, selectors, services
from characters.forms import MemberForm, ProjectForm
from persona.forms import add_service_errors


@login_required
def project_list(request):
    projects = selectors.projects_visible_to(user=request.user).order_by("name", "id")
    return render(request, "characters/project_list.html", {"projects": projects})


@login_required
def project_create_page(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The project “{project.name}” was created.")
            return redirect(project)
    return render(request, "characters/project_form.html", {"form": form})


@login_required
def project_detail(request, slug: str):
    project = selectors.project_get_for_user(user=request.user, slug=slug)
    characters = selectors.character_list_visible_to(user=request.user).filter(projects=project)
    context = {
        "project": project,
        "characters": characters,
        "memberships": project.memberships.select_related("user").order_by("user__username"),
        "may_edit": rules.can_edit_project(request.user, project),
        "member_form": MemberForm(),
    }
    return render(request, "characters/project_detail.html", context)


@login_required
@require_POST
def project_member_page(request, slug: str):
    project = selectors.project_get_for_user(user=request.user, slug=slug)
    form = MemberForm(request.POST)
    user = None
    if form.is_valid():
        user = get_user_model().objects.filter(username__iexact=form.cleaned_data["username"]).first()
    if user is None:
        messages.error(request, "No user has this username.")
        return redirect(project)
    try:
        if request.POST.get("remove"):
            services.project_member_remove(project=project, actor=request.user, user=user)
        else:
            services.project_member_set(
                project=project, actor=request.user, user=user, role=form.cleaned_data["role"]
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(project)


def _project_to_change(request, slug: str):
    project = selectors.project_get_for_user(user=request.user, slug=slug)
    if not rules.can_edit_project(request.user, project):
        raise PermissionDenied("Only the project's owner changes it.")
    return project


@login_required
def project_edit_page(request, slug: str):
    project = _project_to_change(request, slug)
    initial = {"name": project.name, "description": project.description}
    form = ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_update(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The project “{project.name}” was saved.")
            return redirect(project)
    return render(request, "characters/project_form.html", {"form": form, "project": project})


@login_required
def project_delete_page(request, slug: str):
    project = _project_to_change(request, slug)
    if request.method == "POST":
        services.project_delete(project=project, actor=request.user)
        messages.success(request, f"The project “{project.name}” was deleted; its characters stay.")
        return redirect("characters:project_list")
    return render(request, "characters/project_delete.html", {"project": project})
