"""Pages: proposals (open and closed), a proposal with a vote form per ranked persona of the visitor,
the create page for moderators, and the results once voting has closed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.paging import CappedPaginator
from metrics import rules, selectors, services
from metrics.forms import ProposalForm, VoteForm
from persona.selectors import persona_get_for_user
from prompts.views import add_service_errors

CLOSED_PAGE_SIZE = 20


def proposal_list(request):
    closed = CappedPaginator(selectors.proposal_list(is_open=False), CLOSED_PAGE_SIZE)
    context = {
        "open_proposals": selectors.proposal_list(is_open=True).order_by("closes_at", "id"),
        "closed_page": closed.get_page(request.GET.get("page")),
        "can_open": rules.can_open_proposals(request.user),
    }
    return render(request, "metrics/proposal_list.html", context)


def proposal_detail(request, pk: int):
    proposal = selectors.proposal_get(pk=pk)
    return render(request, "metrics/proposal_detail.html", _detail_context(request, proposal))


def _detail_context(request, proposal, *, bound: VoteForm | None = None, bound_persona_id=None) -> dict:
    """The proposal with the visitor's ballots; those still to vote get a form (`bound` for the one
    just posted with errors)."""
    ballots = []
    for ballot in selectors.proposal_ballots(user=request.user, proposal=proposal):
        form = None
        if ballot.vote is None and proposal.is_open:
            mine = ballot.persona.pk == bound_persona_id
            form = bound if mine else VoteForm(proposal=proposal, persona_id=ballot.persona.pk)
        ballots.append((ballot, form))
    return {"proposal": proposal, "ballots": ballots, "can_open": rules.can_open_proposals(request.user)}


@login_required
@require_POST
def vote_cast(request, pk: int):
    """Cast the vote of one of the visitor's personas; refusals show on that persona's form."""
    proposal = selectors.proposal_get(pk=pk)
    persona = persona_get_for_user(user=request.user, pk=request.POST.get("persona"))
    form = VoteForm(request.POST, proposal=proposal, persona_id=persona.pk)
    if form.is_valid():
        try:
            vote = services.vote_cast(
                proposal=proposal, persona=persona, choice=form.cleaned_data["choice"], actor=request.user
            )
            messages.success(request, f"{persona.name} voted for “{vote.choice}”.")
            return redirect(proposal)
        except (ValidationError, ApplicationError) as error:
            add_service_errors(form, error)
    context = _detail_context(request, proposal, bound=form, bound_persona_id=persona.pk)
    if not any(shown is form for _, shown in context["ballots"]):
        # Not a persona with a form on the page (not the visitor's, not ranked, voted already): say why.
        context["refused"] = {"persona": persona, "form": form}
    return render(request, "metrics/proposal_detail.html", context, status=400)


@login_required
def proposal_create(request):
    if not rules.can_open_proposals(request.user):
        raise PermissionDenied("Only moderators open proposals.")
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(actor=request.user, **form.proposal_fields())
            messages.success(request, "Proposal opened.")
            return redirect(proposal)
        except ValidationError as error:
            add_service_errors(form, error)
    status = 400 if form.errors else 200
    return render(request, "metrics/proposal_form.html", {"form": form}, status=status)


def proposal_results(request, pk: int):
    """The weighted tally once voting has closed; before that, when it will be shown."""
    proposal = selectors.proposal_get(pk=pk)
    results = None if proposal.is_open else services.proposal_results(proposal=proposal)
    return render(request, "metrics/proposal_results.html", {"proposal": proposal, "results": results})
