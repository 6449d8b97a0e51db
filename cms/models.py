from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from events import selectors as event_selectors
from tickets.selectors import visitor_registration_offered

from . import selectors


class BasePage(Page):
    """Every public page type inherits from this one."""

    class Meta:
        abstract = True

    @property
    def edition(self):
        """The edition this page is about, shown in the navigation bar (None if none)."""
        return None


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    featured_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("featured edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("featured_event"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def edition(self):
        return self.featured_event

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        event = self.featured_event
        event_page = selectors.event_page_for(event, self.locale)
        context.update(
            edition=event,
            event_page=event_page,
            summary=event_selectors.edition_summary(event) if event else None,
            participations=event_selectors.participations_of(event) if event else [],
            edition_page_url=event_page.get_url(request) if event_page else None,
            registration=registration_links(event_page, request),
        )
        return context


class EventPage(BasePage):
    """The public page of one edition, bound to its Event."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("edition"), on_delete=models.PROTECT, related_name="+"
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("event"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")

    @property
    def edition(self):
        return self.event

    def clean(self):
        super().clean()
        if self.event_id is None or self.locale_id is None:
            return
        others = EventPage.objects.filter(event_id=self.event_id, locale_id=self.locale_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if others.exists():
            raise ValidationError({"event": _("This edition already has a page in this language.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        event = self.event
        context.update(
            edition=event,
            venue=event.venue,
            summary=event_selectors.edition_summary(event),
            days=event_selectors.event_days(event),
            participations=event_selectors.participations_of(event),
            programmes=event_selectors.programmes_of(event),
            zone=event_selectors.zone_label(event.time_zone),
            edition_page_url=self.get_url(request),
            registration=registration_links(self, request),
        )
        return context


def registration_links(event_page: EventPage | None, request=None) -> dict:
    """Where the "register as a visitor / as an exhibitor" buttons lead.

    Visitors go to the registration form while it is open and offers a pass
    (tickets); otherwise, and for exhibitors, the buttons lead to the sections of
    the edition's page that say how (#visitors, #exhibitors). Every button on the
    public site reads them from this one place.
    """
    if event_page is None:
        return {"visitor": None, "exhibitor": None}
    url = event_page.get_url(request)
    visitor = f"{url}#visitors"
    event = event_page.event
    if event is not None and visitor_registration_offered(event):
        visitor = reverse("tickets:register", args=[event.slug])
    return {"visitor": visitor, "exhibitor": f"{url}#exhibitors"}
