from django.urls import path

from metrics.views import voting as views

app_name = "voting"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/vote/", views.vote_cast, name="vote"),
    path("<int:pk>/results/", views.proposal_results, name="results"),
]
