from django.urls import path

from accounts import views

app_name = "profiles"
urlpatterns = [path("<str:username>/", views.profile, name="detail")]
