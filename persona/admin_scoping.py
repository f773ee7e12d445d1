"""Admin pages of rows that hang on a persona show only the rows whose persona the user may read, through
the same selector as pages and the API. Superusers see everything."""

from persona.selectors import persona_readable_queryset


class PersonaScopedAdminMixin:
    """For a ModelAdmin or an inline. `persona_path` leads from a row to its persona ("pk" for personas,
    "answer__persona" for scores). Change, history and delete pages find their row through
    `get_queryset`, so a row out of scope answers as a missing one does; foreign-key inputs (raw-id ones
    included) accept only rows another scoped admin would show."""

    persona_path = "persona"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        readable = persona_readable_queryset(user=request.user).values("pk")
        return queryset.filter(**{f"{self.persona_path}__in": readable})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        target_admin = self.admin_site._registry.get(db_field.related_model)
        if isinstance(target_admin, PersonaScopedAdminMixin):
            kwargs.setdefault("queryset", target_admin.get_queryset(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
