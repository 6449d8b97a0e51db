"""The public site's page types, site settings and navigation.

Page tree of one language (each language has its own, linked by translation keys):

    Home
    ├── Event page (one per edition)
    │   ├── Programme (agenda by day and stage)
    │   ├── Associations
    │   └── Exhibitor directory (exhibitor pages are its routes)
    ├── News index → News articles
    ├── FAQ
    ├── Contact
    └── Standard pages (and standard pages under them)

Pages under an event page take the edition from it. What pages show is read in
`cms.selectors`; the directory's filters in `cms.directory`; the contact form's
guard in `cms.contact`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from events import selectors as event_selectors
from tickets.selectors import offers_public_pass
from tickets.services import registration_is_open

from . import contact, directory, selectors, seo
from .blocks import BodyBlock, FaqBlock, ImageBlock, MenuBlock
from .forms import ContactPageForm, PageForm
from .remembered import remembered

IMAGE = "wagtailimages.Image"


def _image_field(verbose_name, help_text=""):
    return models.ForeignKey(
        IMAGE,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class BasePage(Page):
    """Every public page type inherits from this one: sharing image, edition, slug rules."""

    og_image = _image_field(
        _("sharing image"),
        _("Shown when the page is shared on WhatsApp, Facebook or X (1200 × 630 works best)."),
    )

    promote_panels = Page.promote_panels + [FieldPanel("og_image")]
    base_form_class = PageForm

    class Meta:
        abstract = True

    @property
    def edition(self):
        """The edition this page is about, shown in the navigation bar (None if none)."""
        return None

    @property
    def sharing_image(self):
        """The image for Open Graph: the page's own, else its lead or hero image."""
        return self.og_image

    def clean(self):
        super().clean()
        refuse_reserved_slug(self)


class EditionChildMixin:
    """For pages that live under an event page and are about its edition."""

    @cached_property
    def event_page(self):
        if not self.pk:  # a preview of a page not saved yet
            return selectors.event_page_above(self)
        return remembered(("event-page-above", self.pk), lambda: selectors.event_page_above(self))

    @property
    def edition(self):
        page = self.event_page
        return page.event if page else None

    def edition_context(self, request) -> dict:
        event_page = self.event_page
        return {
            "edition": self.edition,
            "event_page": event_page,
            "edition_page_url": event_page.get_url(request) if event_page else None,
            "registration": registration_links(event_page, request),
        }


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = _image_field(_("hero image"), _("A wide photo behind the title (2400 × 1000)."))
    featured_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("featured edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    show_live_figures = models.BooleanField(
        _("show the live figures"),
        default=True,
        help_text=_("Visitors, exhibitors and deals of the featured edition, under the hero."),
    )
    news_count = models.PositiveSmallIntegerField(
        _("news shown"), default=3, help_text=_("How many of the latest articles (0: none).")
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("featured_event"),
        FieldRowPanel([FieldPanel("show_live_figures"), FieldPanel("news_count")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.EventPage",
        "cms.NewsIndexPage",
        "cms.StandardPage",
        "cms.FaqPage",
        "cms.ContactPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def edition(self):
        return self.featured_event

    @property
    def sharing_image(self):
        return self.og_image or self.hero_image

    def route(self, request, path_components):
        """The page a path names, found in two queries whatever its depth (see
        `selectors.page_on_path`); Wagtail's own walk when the path names no page."""
        found = selectors.page_on_path(self, path_components)
        if found is None:
            return super().route(request, path_components)
        page, remaining = found
        return page.specific.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        block = remembered(("home", self.pk), lambda: self._edition_block(request), request=request)
        context.update(block)
        event_page = context["event_page"]
        context.update(
            registration=registration_links(event_page, request),
            live_figures=(
                selectors.live_figures_of(context["edition"]) if self.show_live_figures else None
            ),
        )
        return context

    def _edition_block(self, request) -> dict:
        """What the home page shows of its edition and news (remembered: it changes only
        when the edition or a page does)."""
        event = selectors.edition_with_venue(self.featured_event_id)
        event_page = selectors.event_page_for(event, self.locale_id)
        children = selectors.edition_children(event_page)
        return {
            "edition": event,
            "event_page": event_page,
            "summary": event_selectors.edition_summary(event) if event else None,
            "participations": list(event_selectors.participations_of(event)) if event else [],
            "edition_page_url": event_page.get_url(request) if event_page else None,
            "news": selectors.latest_news(self.locale_id, self.news_count),
            "news_index": selectors.news_index_of(self),
            "associations_page": children.get(AssociationsPage),
            "directory_page": children.get(DirectoryPage),
        }


class EventPage(BasePage):
    """The public page of one edition, bound to its Event."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("edition"), on_delete=models.PROTECT, related_name="+"
    )
    intro = models.TextField(_("introduction"), blank=True)
    hero_image = _image_field(_("hero image"))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("event"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        HelpPanel(
            _(
                "Dates, opening hours, the venue and its map come from the edition "
                "(Exhibition → Editions); the body adds what they do not say."
            )
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProgrammePage", "cms.AssociationsPage", "cms.DirectoryPage"]

    class Meta:
        verbose_name = _("event page")

    @property
    def edition(self):
        return self.event

    @property
    def sharing_image(self):
        return self.og_image or self.hero_image

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
        block = remembered(
            ("event-page", self.pk), lambda: self._edition_block(request), request=request
        )
        self.event = block["edition"]  # the page's own reads of its edition cost no query
        context.update(block)
        context.update(
            registration=registration_links(self, request),
            structured_data=seo.event_structured_data(self, request, days=block["days"]),
        )
        return context

    def _edition_block(self, request) -> dict:
        """What the page shows of its edition (remembered: it changes only when the
        edition or a page does)."""
        event = selectors.edition_with_venue(self.event_id)
        children = selectors.edition_children(self)
        return {
            "edition": event,
            "venue": event.venue,
            "summary": event_selectors.edition_summary(event),
            "days": list(event_selectors.event_days(event)),
            "participations": list(event_selectors.participations_of(event)),
            "programmes": list(event_selectors.programmes_of(event)),
            "zone": event_selectors.zone_label(event.time_zone),
            "edition_page_url": self.get_url(request),
            "programme_page": children.get(ProgrammePage),
            "associations_page": children.get(AssociationsPage),
            "directory_page": children.get(DirectoryPage),
        }


class ProgrammePage(EditionChildMixin, BasePage):
    """The agenda of the edition: what happens when, on which stage."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("after the agenda"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("session")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme page")

    def clean(self):
        super().clean()
        selectors.check_agenda(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.edition_context(request))
        context.update(selectors.agenda_context(self, request))
        return context


class AgendaItem(Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="agenda_items")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    stage = models.CharField(
        _("stage or room"), max_length=100, help_text=_("Main stage, Hall B, Business lounge …")
    )
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(_("speakers or hosts"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("stage"),
        FieldPanel("title"),
        FieldPanel("speakers"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class AssociationsPage(EditionChildMixin, BasePage):
    """The associations taking part in the edition, with logos and their exhibitors."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        HelpPanel(
            _(
                "The list comes from the edition's participating associations; logos and "
                "descriptions are edited under Exhibition → Associations."
            )
        ),
    ]

    parent_page_types = ["cms.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("associations page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.edition_context(request))
        context.update(directory.associations_context(self, request))
        return context


class DirectoryPage(EditionChildMixin, RoutablePageMixin, BasePage):
    """The exhibitor directory of the edition; each exhibitor's page is a route of it."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("exhibitors per page"), default=24)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]

    parent_page_types = ["cms.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("exhibitor directory")

    @path("")
    def directory(self, request):
        return directory.directory_view(self, request)

    @path("<int:pk>-<slug:slug>/")
    def exhibitor(self, request, pk, slug):
        return directory.exhibitor_view(self, request, pk, slug)

    @path("<int:pk>/")
    def exhibitor_without_slug(self, request, pk):
        return directory.exhibitor_view(self, request, pk, "")

    def exhibitor_url(self, business, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage(
            "exhibitor", kwargs={"pk": business.pk, "slug": directory.exhibitor_slug(business)}
        )

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) + directory.sitemap_entries(self, request)


class NewsIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("articles per page"), default=9)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.news_index_context(self, request))
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", on_delete=models.CASCADE, related_name="tagged")


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=150, blank=True)
    intro = models.TextField(_("summary"), max_length=400, help_text=_("One or two sentences."))
    lead_image = _image_field(_("lead image"))
    lead_image_caption = models.CharField(_("caption"), max_length=250, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")], heading=_("Lead image")
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def sharing_image(self):
        return self.og_image or self.lead_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            related=selectors.related_news(self),
            news_index=self.get_parent().specific,
            structured_data=seo.article_structured_data(self, request),
        )
        return context


class StandardPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class FaqPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(FaqBlock(), verbose_name=_("questions"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("FAQ page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = seo.faq_structured_data(self)
        return context


class ContactFormField(AbstractFormField):
    page = ParentalKey("cms.ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AbstractEmailForm):
    """Contact details from the site settings and a form: stored, then mailed to the organizer.

    Inherits Wagtail's form page (which is not a BasePage subclass) and repeats what
    BasePage adds; the guard against spam is in `cms.contact`.
    """

    og_image = _image_field(_("sharing image"))
    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("form field")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email to the organizer"),
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("og_image")]
    base_form_class = ContactPageForm

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    edition = None

    @property
    def sharing_image(self):
        return self.og_image

    def clean(self):
        super().clean()
        refuse_reserved_slug(self)

    def serve(self, request, *args, **kwargs):
        return contact.serve_contact_page(self, request, *args, **kwargs)

    def process_form_submission(self, form):
        return contact.contact_submission_record(page=self, form=form)

    def get_form_class(self):
        return contact.contact_form_class(super().get_form_class())


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, social links and logos: the footer and the contact page read them."""

    organizer_name = models.CharField(
        _("organizer"), max_length=200, blank=True, help_text=_("Shown in the footer.")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    whatsapp = models.CharField(
        _("WhatsApp"), max_length=20, blank=True, help_text=_("International form: 62812…")
    )
    address = models.TextField(_("address"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=150, blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    x = models.URLField(_("X (Twitter)"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    tiktok = models.URLField(_("TikTok"), blank=True)
    logo = _image_field(_("logo"), _("Shown in the navigation bar; a wide logo on transparency."))
    partner_logos = StreamField(
        [("logo", ImageBlock())],
        verbose_name=_("logos in the footer"),
        blank=True,
        help_text=_("Ministries and partners."),
    )
    default_sharing_image = _image_field(
        _("default sharing image"), _("Used when a page has no image of its own.")
    )
    footer_text_id = models.TextField(_("footer text (Indonesian)"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organizer_name"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("whatsapp")]),
                FieldPanel("address"),
                FieldPanel("office_hours"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instagram"),
                FieldPanel("facebook"),
                FieldPanel("x"),
                FieldPanel("youtube"),
                FieldPanel("tiktok"),
            ],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("default_sharing_image"), FieldPanel("partner_logos")],
            heading=_("Images"),
        ),
        MultiFieldPanel(
            [FieldPanel("footer_text_id"), FieldPanel("footer_text_en")], heading=_("Footer")
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        names = [
            ("instagram", "Instagram"),
            ("facebook", "Facebook"),
            ("x", "X"),
            ("youtube", "YouTube"),
            ("tiktok", "TikTok"),
        ]
        return [(label, getattr(self, field)) for field, label in names if getattr(self, field)]


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The menus. A page link shows the page's title in the reader's language."""

    header_links = StreamField(MenuBlock(), verbose_name=_("main menu"), blank=True)
    footer_links = StreamField(MenuBlock(), verbose_name=_("footer menu"), blank=True)

    panels = [FieldPanel("header_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("navigation")


def refuse_reserved_slug(page) -> None:
    """A page directly under a home page may not take the first segment of an app's address
    (/tiket/, /akun/ …). New pages are checked by the admin form (cms.forms), which knows
    the parent before the page has a place in the tree; saved pages here."""
    if not page.pk or not page.path:
        return
    parent = Page.objects.filter(path=page.path[: -Page.steplen]).first()
    if selectors.reserved_slug_clash(page.slug, parent):
        raise ValidationError({"slug": reserved_slug_message(page.slug)})


def reserved_slug_message(slug: str) -> str:
    return _(
        "The address “/%(slug)s/” already belongs to another part of the site. Choose another slug."
    ) % {"slug": slug}


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
    # The clock is read on every request; whether a public pass exists is remembered.
    if (
        event is not None
        and registration_is_open(event)
        and remembered(("public-pass", event.pk), lambda: offers_public_pass(event))
    ):
        visitor = reverse("tickets:register", args=[event.slug])
    return {"visitor": visitor, "exhibitor": f"{url}#exhibitors"}
