from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.api_router import router
from core import views as core_views
from core.uploads.views import serve_upload
from home import views as home_views

api_v1 = [
    *router.urls,
    path("", include("persona.api.extra_urls")),
    path("", include("leveling.api.urls")),
    path("", include("prompts.api.urls")),
    path("", include("metrics.api.urls")),
    path("", include("content.api.urls")),
    path("", include("gateway.api.urls")),
    path("", include("insights.api.urls")),
]

urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<name>.+)$", serve_upload, name="media"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("u/", include("accounts.profile_urls")),
    path("personas/", include("persona.urls")),
    path("personas/", include("insights.urls")),
    path("characters/", include("characters.urls")),
    path("progress/", include("leveling.urls")),
    path("prompts/", include("prompts.urls")),
    path("chats/", include("chat.urls")),
    path("content/", include("content.urls")),
    path("notifications/", include("content.notification_urls")),
    path("", include("metrics.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI sets a few inline styles; only this page relaxes style-src for them.
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="api-docs",
    ),
]

handler400 = "core.api.handlers.bad_request"
handler404 = "core.api.handlers.page_not_found"
handler500 = "core.api.handlers.server_error"
