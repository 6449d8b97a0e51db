"""Admin forms of the page types: the checks that need the parent before the page is placed."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from . import selectors


class ReservedSlugMixin:
    def clean(self):
        from .models import reserved_slug_message

        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if slug and selectors.reserved_slug_clash(slug, parent):
            self.add_error("slug", forms.ValidationError(reserved_slug_message(slug)))
        return cleaned_data


class PageForm(ReservedSlugMixin, WagtailAdminPageForm):
    pass


class ContactPageForm(ReservedSlugMixin, WagtailAdminFormPageForm):
    pass
