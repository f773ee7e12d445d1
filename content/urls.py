from django.urls import path

from content.views import browse, publishing, reactions, story

app_name = "content"
urlpatterns = [
    path("", browse.content_feed, name="feed"),
    path("<int:pk>/", browse.content_detail, name="detail"),
    path("<int:pk>/delete/", publishing.content_delete_page, name="delete"),
    path("<int:pk>/like/", reactions.like_toggle, name="like"),
    path("<int:pk>/comments/", reactions.comment_create, name="comment"),
    path("<int:pk>/share/", reactions.share_link_create, name="share"),
    path("comments/<int:pk>/hide/", reactions.comment_hide, name="comment_hide"),
    path("s/<str:token>/", browse.share_link_open, name="share_link"),
    path("personas/<slug:slug>/", browse.persona_content, name="persona"),
    path("personas/<slug:slug>/story/", story.persona_story_page, name="story"),
    path("personas/<slug:slug>/new/", publishing.content_create_page, name="create"),
    path("personas/<slug:slug>/import/", publishing.transcript_import_page, name="import"),
    path("chats/<int:pk>/publish/", publishing.chat_publish, name="chat_publish"),
]
