from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import HistoryAdmin
from persona.admin_scoping import PersonaScopedAdminMixin
from prompts import rules
from prompts.models import Answer, Prompt, PromptHelper, PromptSkill, SkillScore
from prompts.services import skill_score_record


class PromptSkillInline(admin.TabularInline):
    model = PromptSkill
    extra = 1


@admin.register(Prompt)
class PromptAdmin(HistoryAdmin):
    list_display = ["title", "difficulty", "tier_lowest", "tier_highest", "is_active", "is_tutorial"]
    list_filter = ["is_active", "is_tutorial", "difficulty"]
    search_fields = ["title", "text"]
    inlines = [PromptSkillInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


class SkillScoreInline(PersonaScopedAdminMixin, admin.TabularInline):
    model = SkillScore
    persona_path = "answer__persona"
    extra = 0
    readonly_fields = ["skill", "score", "scorer", "xp_awarded", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Answer)
class AnswerAdmin(PersonaScopedAdminMixin, admin.ModelAdmin):
    list_display = ["persona", "prompt", "author", "draft_model", "created_at"]
    readonly_fields = ["draft_model"]
    raw_id_fields = ["persona", "prompt", "author"]
    list_select_related = ["persona", "prompt", "author"]
    search_fields = ["persona__name", "prompt__title", "text"]
    inlines = [SkillScoreInline]


class SkillScoreAdminForm(forms.ModelForm):
    class Meta:
        model = SkillScore
        fields = ["answer", "skill", "score"]

    def clean(self):
        cleaned = super().clean()
        answer, skill = cleaned.get("answer"), cleaned.get("skill")
        if answer and not rules.can_score(self.current_user, answer):
            raise ValidationError(
                "You cannot score this answer (you wrote it, the persona is yours to edit, "
                "or you are not a reviewer)."
            )
        if answer and skill and not answer.prompt.prompt_skills.filter(skill=skill).exists():
            self.add_error("skill", "This answer's prompt does not assess that skill.")
        if answer and skill and answer.scores.filter(skill=skill, scorer=self.current_user).exists():
            self.add_error("skill", "You already scored this skill for this answer.")
        return cleaned


@admin.register(SkillScore)
class SkillScoreAdmin(PersonaScopedAdminMixin, admin.ModelAdmin):
    """Scores are added through the service so XP follows; they are never edited afterwards."""

    persona_path = "answer__persona"

    form = SkillScoreAdminForm
    list_display = ["answer", "skill", "score", "scorer", "xp_awarded", "created_at"]
    list_select_related = ["answer__persona", "skill", "scorer"]
    raw_id_fields = ["answer"]
    list_filter = ["skill"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.current_user = request.user
        return form

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = skill_score_record(answer=obj.answer, skill=obj.skill, scorer=request.user, score=obj.score)
        obj.pk = saved.pk


@admin.register(PromptHelper)
class PromptHelperAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name", "prompt")
    raw_id_fields = ("created_by",)
