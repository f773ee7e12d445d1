"""The messaging generator page: three variants from the configured language model."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from core.exceptions import ApplicationError
from core.llm import llm_is_configured
from insights.forms import MessagingForm
from insights.services.messaging import messaging_generate
from insights.throttling import messaging_throttle
from persona.selectors import persona_get_for_user


@login_required
def messaging_page(request, slug: str):
    persona = persona_get_for_user(user=request.user, slug=slug)
    form = MessagingForm(request.POST if request.method == "POST" else None)
    context = {"persona": persona, "form": form, "llm_available": llm_is_configured(), "variants": None}
    status = 200
    if request.method == "POST" and context["llm_available"] and form.is_valid():
        try:
            messaging_throttle(request)
            context["variants"] = messaging_generate(persona=persona, actor=request.user, **form.cleaned_data)
        except (ApplicationError, PermissionDenied) as error:
            context["error"] = getattr(error, "message", str(error))
            status = getattr(error, "status", 403)
    return render(request, "insights/messaging.html", context, status=status)
