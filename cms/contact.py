"""The contact form: its guard against bots and floods, and what a good message becomes.

- A honeypot field (``website_url``) hidden from people: a bot that fills it is thanked
  like anyone else, and nothing is stored or sent.
- At most ``RATE_LIMIT`` stored messages per ``RATE_WINDOW`` seconds from one client
  address; beyond that the form comes back with what was typed, a message, and 429.
- A good message is stored as a Wagtail form submission first, then mailed to the
  organizer by a Celery task queued on commit (``cms.tasks.send_contact_submission``),
  so a slow or absent mail server never loses a message nor slows the page.

`cms.models.ContactPage` delegates here, and `cms.models` imports this module: page
classes are never imported at module level.
"""

from __future__ import annotations

import contextlib
import logging

from django import forms
from django.core.cache import cache
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_url"
RATE_LIMIT = 5  # stored messages …
RATE_WINDOW = 10 * 60  # … per this many seconds, per client address
TEXT_MAX_LENGTH = 5000  # a multi-line field
LINE_MAX_LENGTH = 255  # any other text field (Wagtail's own limit for single lines)


class HoneypotInput(forms.TextInput):
    """A text box people never see nor reach; bots fill every box they find."""

    def __init__(self):
        super().__init__(
            attrs={
                "tabindex": "-1",
                "autocomplete": "off",
                "aria-hidden": "true",
                "class": "form-control",
            }
        )


def contact_form_class(base):
    """The form Wagtail builds from the page's fields, with a honeypot, length limits and
    Bootstrap's classes (``is-invalid`` on a field with an error)."""

    class ContactForm(base):
        website_url = forms.CharField(
            label=_("Leave this empty"), required=False, widget=HoneypotInput()
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, field in self.fields.items():
                if name == HONEYPOT_FIELD:
                    continue
                _style(field)
                if isinstance(field, forms.CharField) and not isinstance(
                    field.widget, forms.HiddenInput
                ):
                    _limit_length(field)

        def full_clean(self):
            super().full_clean()
            for name in self.errors:
                field = self.fields.get(name)
                if field is not None and name != HONEYPOT_FIELD:
                    css = field.widget.attrs.get("class", "")
                    if "is-invalid" not in css:  # Django adds aria-invalid and describedby
                        field.widget.attrs["class"] = f"{css} is-invalid".strip()

        def is_spam(self) -> bool:
            """The honeypot has something in it (read from the raw data: no validation)."""
            return bool(str(self.data.get(HONEYPOT_FIELD) or "").strip())

    ContactForm.__name__ = ContactForm.__qualname__ = f"Contact{base.__name__}"
    return ContactForm


def _style(field) -> None:
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    widget.attrs["class"] = css


def _limit_length(field) -> None:
    limit = TEXT_MAX_LENGTH if isinstance(field.widget, forms.Textarea) else LINE_MAX_LENGTH
    if field.max_length is not None and field.max_length <= limit:
        return
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs["maxlength"] = str(limit)


# The rate limit -----------------------------------------------------------------------


def _rate_key(request) -> str:
    address = (request.META.get("REMOTE_ADDR") or "unknown")[:64]
    return f"cms:contact:rate:{address}"


def _take_a_place(request) -> bool:
    """Count one message from this client; False once it has used up its window.

    ``add`` starts a window only when none is running, and ``incr`` is atomic in Redis,
    so two messages sent at the same instant are counted as two.
    """
    key = _rate_key(request)
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr: start a new one
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count <= RATE_LIMIT


def _give_back_a_place(request) -> None:
    with contextlib.suppress(ValueError):  # the window ended meanwhile
        cache.decr(_rate_key(request))


# Serving the page -----------------------------------------------------------------------


def serve_contact_page(page, request, *args, **kwargs):
    """GET: the form. POST: spam is thanked and dropped; a flood gets the form back with
    429; anything else is Wagtail's own form handling (errors, or store and thank)."""
    from wagtail.contrib.forms.models import AbstractEmailForm

    if request.method != "POST":
        return AbstractEmailForm.serve(page, request, *args, **kwargs)

    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if form.is_spam():
        logger.info("contact page %s: honeypot filled, message dropped", page.pk)
        return page.render_landing_page(request, None, *args, **kwargs)
    if form.is_valid():  # only a message that would be stored uses up the allowance
        if not _take_a_place(request):
            logger.warning("contact page %s: too many messages from one address", page.pk)
            context = page.get_context(request)
            context.update(form=form, rate_limited=True)
            return TemplateResponse(request, page.get_template(request), context, status=429)
        try:
            return AbstractEmailForm.serve(page, request, *args, **kwargs)
        except Exception:
            _give_back_a_place(request)  # nothing was kept: the try does not count
            raise
    return AbstractEmailForm.serve(page, request, *args, **kwargs)


def contact_submission_record(*, page, form):
    """Store the message (without the honeypot), and mail the organizer once committed."""
    from .tasks import send_contact_submission

    data = {name: value for name, value in form.cleaned_data.items() if name != HONEYPOT_FIELD}
    submission = page.get_submission_class().objects.create(form_data=data, page=page)
    if page.to_address:
        transaction.on_commit(lambda: send_contact_submission.delay(submission.pk))
    return submission
