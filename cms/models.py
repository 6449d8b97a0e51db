from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class BasePage(Page):
    """Every public page type inherits from this one."""

    class Meta:
        abstract = True


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
