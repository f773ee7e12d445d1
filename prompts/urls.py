from django.urls import path

from prompts import views

app_name = "prompts"
urlpatterns = [
    path("", views.prompt_list, name="list"),
    path("new/", views.prompt_create, name="create"),
    path("practice/", views.practice, name="practice"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.review_answer, name="review_answer"),
    path("answers/mine/", views.my_answers, name="my_answers"),
    path("answers/<int:pk>/", views.answer_detail, name="answer"),
    path("answers/<int:pk>/edit/", views.answer_edit, name="answer_edit"),
    path("<int:pk>/", views.prompt_detail, name="detail"),
    path("<int:pk>/edit/", views.prompt_edit, name="edit"),
    path("<int:pk>/answer/", views.answer_create, name="answer_create"),
    path("<int:pk>/draft/", views.answer_draft, name="answer_draft"),
]
