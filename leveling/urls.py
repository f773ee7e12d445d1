from django.urls import path

from leveling import views

app_name = "leveling"
urlpatterns = [path("<slug:slug>/", views.persona_progress, name="progress")]
