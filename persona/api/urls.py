from persona.api.views import PersonaViewSet


def register(router):
    router.register("personas", PersonaViewSet, basename="persona")
