"""Pages: prompts (moderators create and edit), answering, practice, the review queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.llm import llm_is_configured
from core.paging import CappedPaginator
from leveling.selectors import persona_prompt_tier
from persona.selectors import persona_preferred_among
from prompts import rules, selectors, services
from prompts.forms import AnswerDraftForm, AnswerEditForm, AnswerForm, PromptForm, ScoreForm
from prompts.services import answer_edit_deadline, answer_is_editable_by
from prompts.throttling import answer_draft_throttle

MY_ANSWERS_PAGE_SIZE = 25


def add_service_errors(form, error: ValidationError | ApplicationError) -> None:
    """Show a service's refusal on the form field it names (or on the whole form)."""
    if isinstance(error, ApplicationError):
        items = {error.field: [error.message]}
    else:
        items = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, field_messages in items.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


def prompt_list(request):
    prompts = selectors.prompt_list_visible_to(user=request.user)
    context = {"prompts": prompts, "can_manage": rules.can_manage_prompts(request.user)}
    return render(request, "prompts/prompt_list.html", context)


def prompt_detail(request, pk: int):
    prompt = selectors.prompt_get_for_user(user=request.user, pk=pk)
    form = None
    if request.user.is_authenticated and prompt.is_active:
        form = AnswerForm(user=request.user, initial={"persona": _chosen_persona(request)})
    return render(request, "prompts/prompt_detail.html", _detail_context(request, prompt, form))


def _chosen_persona(request) -> str | None:
    """The persona the answer form starts with: the one in the link, else the preferred one."""
    answerable = selectors.personas_answerable_by(user=request.user)
    preferred = persona_preferred_among(user=request.user, personas=answerable)
    return request.GET.get("persona") or (preferred.slug if preferred else None)


def _detail_context(request, prompt, form) -> dict:
    answers = selectors.answer_list_visible_to(user=request.user).filter(prompt=prompt)[:50]
    return {
        "prompt": prompt,
        "form": form,
        "answers": answers,
        "can_manage": rules.can_manage_prompts(request.user),
        "drafting_available": llm_is_configured(),
    }


@login_required
@require_POST
def answer_create(request, pk: int):
    prompt = selectors.prompt_get_for_user(user=request.user, pk=pk)
    form = AnswerForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            answer = services.answer_create(prompt=prompt, actor=request.user, **form.cleaned_data)
            messages.success(request, f"Answer saved. {rules.who_reviews(answer.persona)}")
            return redirect(answer)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "prompts/prompt_detail.html", _detail_context(request, prompt, form), status=400)


@login_required
@require_POST
def answer_draft(request, pk: int):
    """Let the persona answer: the answer form again, filled with the persona's draft to edit and submit;
    when drafting fails, with the reason and the text as the user left it."""
    prompt = selectors.prompt_get_for_user(user=request.user, pk=pk)
    form, status = AnswerDraftForm(request.POST, user=request.user), 400
    if form.is_valid():
        persona = form.cleaned_data["persona"]
        try:
            answer_draft_throttle(request)
            draft = services.answer_draft(persona=persona, prompt=prompt, actor=request.user)
        except (ValidationError, ApplicationError) as error:
            add_service_errors(form, error)
            status = error.status if isinstance(error, ApplicationError) else 400
        else:
            messages.success(
                request, f"{persona.name} drafted this answer with {draft.model}. Edit it, then submit."
            )
            initial = {"persona": persona.slug, "text": draft.text, "draft_token": draft.token}
            form, status = AnswerForm(user=request.user, initial=initial), 200
    return render(
        request, "prompts/prompt_detail.html", _detail_context(request, prompt, form), status=status
    )


def answer_detail(request, pk: int):
    answer = selectors.answer_get_for_user(user=request.user, pk=pk)
    context = {
        "answer": answer,
        "scores": _scores_shown(request.user, answer),
        "who_reviews": rules.who_reviews(answer.persona),
        "editable": answer_is_editable_by(request.user, answer),
        "edit_deadline": answer_edit_deadline(answer),
        "can_score": rules.can_score(request.user, answer),
    }
    return render(request, "prompts/answer_detail.html", context)


def _scores_shown(user, answer) -> list:
    """The answer's scores; each comment only for whoever may read it (rules.can_read_score_comments)."""
    scores = list(answer.scores.select_related("skill", "scorer"))
    everything = rules.can_read_score_comments(user, answer)
    for score in scores:
        score.shown_comment = score.comment if everything or score.scorer_id == user.pk else ""
    return scores


@login_required
def my_answers(request):
    """Every answer of the user's personas (own and shared for editing), newest first, with its scores."""
    answers = selectors.answers_of_personas_with_stake(user=request.user)
    page = CappedPaginator(answers, MY_ANSWERS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "prompts/my_answers.html", {"page": page})


@login_required
def answer_edit(request, pk: int):
    answer = selectors.answer_get_for_user(user=request.user, pk=pk)
    if answer.author_id != request.user.pk:
        raise PermissionDenied("Only the author edits an answer.")
    form = AnswerEditForm(request.POST or None, initial={"text": answer.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_update(answer=answer, actor=request.user, text=form.cleaned_data["text"])
            messages.success(request, "Answer updated.")
            return redirect(answer)
        except (ValidationError, ApplicationError) as error:
            add_service_errors(form, error)
    status = 400 if form.errors else 200
    context = {"answer": answer, "form": form, "edit_deadline": answer_edit_deadline(answer)}
    return render(request, "prompts/answer_edit.html", context, status=status)


@login_required
def practice(request):
    personas = selectors.personas_answerable_by(user=request.user)
    slug = request.GET.get("persona")
    if slug:
        persona = personas.filter(slug=slug).first()
    else:
        persona = persona_preferred_among(user=request.user, personas=personas) or personas.first()
    if slug and persona is None:
        raise Http404("No persona of yours is called that.")
    context = {"personas": personas, "persona": persona, "drafting_available": llm_is_configured()}
    if persona is not None:
        context["prompts"] = selectors.prompt_next_for_persona(persona=persona)
        context["tier"] = persona_prompt_tier(persona=persona)
    return render(request, "prompts/practice.html", context)


@login_required
def review_queue(request):
    if not rules.is_reviewer(request.user):
        raise PermissionDenied("The review queue is for reviewers and moderators.")
    answers = selectors.review_queue(user=request.user)[:50]
    return render(request, "prompts/review_queue.html", {"answers": answers})


@login_required
def review_answer(request, pk: int):
    answer = selectors.answer_get_for_user(user=request.user, pk=pk)
    if not rules.can_score(request.user, answer):
        raise PermissionDenied("You cannot score this answer.")
    form = ScoreForm(request.POST or None, prompt=answer.prompt)
    if request.method == "POST" and form.is_valid():
        try:
            services.skill_scores_record(
                answer=answer, scorer=request.user, scores=form.scores(), comments=form.comments()
            )
            messages.success(request, f"Scores saved for {answer.persona.name}.")
            return redirect("prompts:review_queue")
        except ValidationError as error:
            add_service_errors(form, error)
    status = 400 if form.errors else 200
    return render(request, "prompts/review_answer.html", {"answer": answer, "form": form}, status=status)


def _moderator_only(request) -> None:
    if not rules.can_manage_prompts(request.user):
        raise PermissionDenied("Only moderators manage prompts.")


@login_required
def prompt_create(request):
    _moderator_only(request)
    return _prompt_form(request, PromptForm(request.POST or None), prompt=None)


@login_required
def prompt_edit(request, pk: int):
    _moderator_only(request)
    prompt = selectors.prompt_get_for_user(user=request.user, pk=pk)
    return _prompt_form(request, PromptForm(request.POST or None, instance=prompt), prompt=prompt)


def _prompt_form(request, form, *, prompt):
    if request.method == "POST" and form.is_valid():
        try:
            fields, skills = form.prompt_fields(), form.skill_weights()
            if prompt is None:
                prompt = services.prompt_create(actor=request.user, skills=skills, **fields)
            else:
                prompt = services.prompt_update(prompt=prompt, actor=request.user, skills=skills, **fields)
            messages.success(request, "Prompt saved.")
            return redirect(prompt)
        except ValidationError as error:
            add_service_errors(form, error)
    status = 400 if form.errors else 200
    return render(request, "prompts/prompt_form.html", {"form": form, "prompt": prompt}, status=status)
