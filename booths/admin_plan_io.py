"""A hall's plan in and out of the admin as a file: the organizer's way from an empty
venue to a drawn one. The work is booths.plan_io's (all or nothing, every problem
listed with its row); these views carry the file and show the outcome.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.permissions import can, visible
from events.params import as_id

from .models import Hall
from .plan_io import export_hall as export_hall_text
from .plan_io import import_hall
from .viewsets import editions_for

MAX_PLAN_BYTES = 5 * 1024 * 1024  # a plan of thousands of booths is well under 1 MB


class HallImportForm(forms.Form):
    event = forms.ModelChoiceField(label=gettext_lazy("Edition"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("Plan file"),
        help_text=gettext_lazy(
            "JSON: a whole hall (hall, zones, booth types, booths), as an export writes it. "
            "CSV: the booths of a hall that exists already, one row each "
            "(code, zone, type, x_m, y_m, width_m, depth_m, blocked, blocked_reason)."
        ),
    )
    hall_code = forms.CharField(
        label=gettext_lazy("Hall code"),
        required=False,
        max_length=10,
        help_text=gettext_lazy("Needed for a CSV file; for JSON it replaces the file's code."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = editions_for(user).order_by("-year", "-pk")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".json", ".csv")):
            raise ValidationError(_("Choose a .json or .csv file."))
        if upload.size > MAX_PLAN_BYTES:
            raise ValidationError(_("The file is larger than 5 MB; is it really a floor plan?"))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text; save it as UTF-8.")) from None
        return (name.rsplit(".", 1)[1], text)


class HallImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "booths/admin/hall_import.html"
    form_class = HallImportForm
    page_title = gettext_lazy("Import a hall")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not editions_for(request.user).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        event = self.request.GET.get("event", "")
        return {"event": as_id(event)} if as_id(event) else {}

    def form_valid(self, form):
        fmt, text = form.cleaned_data["file"]
        try:
            result = import_hall(
                event=form.cleaned_data["event"],
                data=text,
                fmt=fmt,
                actor=self.request.user,
                hall_code=form.cleaned_data["hall_code"].strip() or None,
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Hall %(code)s imported: %(created)s booth(s) created, %(updated)s updated, "
                "%(deleted)s removed."
            )
            % {
                "code": result.hall.code,
                "created": len(result.created),
                "updated": len(result.updated),
                "deleted": len(result.deleted),
            },
        )
        return redirect(f"{reverse('booths_board')}?{urlencode({'hall': result.hall.pk})}")


class HallExportView(View):
    """The hall's plan as a file to keep, edit in a spreadsheet, or import elsewhere."""

    http_method_names = ["get"]

    def get(self, request, pk: int, fmt: str):
        hall = visible(request.user, "booths.view_hall", Hall.objects.select_related("event"))
        hall = hall.filter(pk=pk).first()
        if (
            hall is None
            or fmt not in ("json", "csv")
            or not can(request.user, "booths.view_hall", hall)
        ):
            raise Http404
        content_type = "application/json" if fmt == "json" else "text/csv"
        response = HttpResponse(
            export_hall_text(hall, fmt), content_type=f"{content_type}; charset=utf-8"
        )
        name = f"denah-{slugify(hall.event.slug)}-{slugify(hall.code)}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
