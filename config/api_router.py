"""One router for the whole API; each app registers its viewsets through `<app>/api/urls.py`."""

from rest_framework.routers import DefaultRouter

from characters.api.urls import register as register_characters
from chat.api.urls import register as register_chat
from content.api.urls import register as register_content
from leveling.api.urls import register as register_leveling
from metrics.api.urls import register as register_metrics
from persona.api.urls import register as register_persona
from prompts.api.urls import register as register_prompts

router = DefaultRouter()
register_persona(router)
register_leveling(router)
register_prompts(router)
register_metrics(router)
register_chat(router)
register_content(router)
register_characters(router)
