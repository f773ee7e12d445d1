from django.contrib import admin

from leveling.models import (
    Achievement,
    Attribute,
    PersonaAchievement,
    PersonaQuestProgress,
    PersonaSkill,
    Quest,
    QuestStep,
    Skill,
    TutorialProgress,
)
from persona.admin_scoping import PersonaScopedAdminMixin


class SkillInline(admin.TabularInline):
    model = Skill
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Attribute)
class AttributeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SkillInline]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "attribute", "slug", "order"]
    list_filter = ["attribute"]
    list_select_related = ["attribute"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}


class QuestStepInline(admin.TabularInline):
    model = QuestStep
    extra = 0


@admin.register(Quest)
class QuestAdmin(admin.ModelAdmin):
    list_display = ["title", "attribute", "tier_from", "tier_to"]
    list_filter = ["attribute", "tier_from"]
    inlines = [QuestStepInline]


@admin.register(Achievement)
class AchievementAdmin(admin.ModelAdmin):
    list_display = ["icon", "name", "code", "points"]
    search_fields = ["name", "code"]

    def get_readonly_fields(self, request, obj=None):
        # The code awards achievements by code; renaming one would silently stop its awards.
        return ["code"] if obj else []


class ReadOnlyAdmin(PersonaScopedAdminMixin, admin.ModelAdmin):
    """Progress is earned, never typed in: visible to moderators (of the personas they may read), changed
    only by the services."""

    raw_id_fields = ["persona"]
    list_select_related = ["persona"]
    search_fields = ["persona__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PersonaSkill)
class PersonaSkillAdmin(ReadOnlyAdmin):
    list_display = ["persona", "skill", "xp", "level"]
    list_filter = ["skill"]


@admin.register(TutorialProgress)
class TutorialProgressAdmin(ReadOnlyAdmin):
    list_display = ["persona", "attribute", "tier"]
    list_filter = ["tier", "attribute"]


@admin.register(PersonaQuestProgress)
class PersonaQuestProgressAdmin(ReadOnlyAdmin):
    list_display = ["persona", "quest", "step_index", "step_progress", "completed_at"]


@admin.register(PersonaAchievement)
class PersonaAchievementAdmin(ReadOnlyAdmin):
    list_display = ["persona", "achievement", "awarded_at"]
    list_filter = ["achievement"]
