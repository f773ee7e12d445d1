"""Admin bases every app's admin uses."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's pages, answering a malformed object id as the change page does (the admin
    index, "doesn't exist") instead of failing on it."""

    def history_view(self, request, object_id, extra_context=None):
        if not self._valid_key(object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self._valid_key(object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _valid_key(self, object_id) -> bool:
        try:
            self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            return False
        return True
