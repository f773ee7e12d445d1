from chat.api.views import ChatViewSet


def register(router):
    router.register("chats", ChatViewSet, basename="chat")
