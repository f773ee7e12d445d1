"""One router for the whole API; each app registers its viewsets through `<app>/api/urls.py`."""

from rest_framework.routers import DefaultRouter

from persona.api.urls import register as register_persona

router = DefaultRouter()
register_persona(router)
