from characters.api.nested_views import CharacterImageViewSet, CharacterStyleViewSet
from characters.api.project_views import CharacterTagViewSet, ProjectViewSet
from characters.api.views import CharacterViewSet


def register(router):
    router.register(
        r"characters/(?P<character_pk>\d+)/styles", CharacterStyleViewSet, basename="character-style"
    )
    router.register(
        r"characters/(?P<character_pk>\d+)/images", CharacterImageViewSet, basename="character-image"
    )
    router.register("characters", CharacterViewSet, basename="character")
    router.register("character-tags", CharacterTagViewSet, basename="character-tag")
    router.register("projects", ProjectViewSet, basename="project")
