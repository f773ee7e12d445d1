from django.urls import path

app_name = "persona"
urlpatterns = [
    path("", lambda request: None, name="list"),
    path("new/", lambda request: None, name="create"),
    path("preferred/", lambda request: None, name="preferred"),
    path("<slug:slug>/", lambda request: None, name="detail"),
]
