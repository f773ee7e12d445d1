"""The image picker: the current (or kept) image as a preview, a file input that takes a dropped file too
(static/js/yayay.js), and "Remove image". A form that kept an upload through errors (core.uploads.stash)
sets `stash_token` and `stash_preview`; the token goes back with the form as `<name>_stash`."""

from django import forms


class ImagePickerInput(forms.ClearableFileInput):
    template_name = "uploads/image_picker.html"
    clear_checkbox_label = "Remove image"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.stash_token, self.stash_preview = "", ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        kept = bool(self.stash_token and self.stash_preview)
        context["widget"].update(
            stash_name=f"{name}_stash",
            stash_token=self.stash_token if kept else "",
            stash_preview=self.stash_preview if kept else "",
            removable=not self.is_required and (kept or context["widget"]["is_initial"]),
        )
        return context
