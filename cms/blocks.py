"""Every StreamField block of the public site, each with its template and a preview value.

Pages compose their bodies from `BodyBlock`; the FAQ page's questions are an
`AccordionBlock`. Templates live in templates/blocks/.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


def edition_choices():
    """The editions a figures block may show (called each time the form is built)."""
    from events.models import Event

    return [("", _("The page's edition"))] + [
        (str(pk), name) for pk, name in Event.objects.order_by("-year").values_list("pk", "name")
    ]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/rich_text.html"
        preview_value = (
            "<h2>Produk unggulan daerah</h2><p>Lebih dari seribu pelaku UMKM dari 38 "
            "provinsi membawa produk kuliner, fesyen, dan kriya.</p>"
        )
        description = _("Paragraphs, headings, lists and links.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=200,
        help_text=_("What the image shows, for people who cannot see it. Empty: the image title."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("photo credit"), required=False, max_length=100)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/image.html"
        preview_value = {"caption": "Suasana pameran di hari pertama", "credit": "Panitia"}
        description = _("One picture, full width, with a caption.")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("or an address"),
        required=False,
        max_length=300,
        help_text=_("A full address (https://…) or a path on this site (/tiket/…)."),
    )
    style = blocks.ChoiceBlock(
        label=_("style"),
        choices=[("primary", _("Brown band")), ("accent", _("Gold band")), ("light", _("Light"))],
        default="primary",
    )

    def clean(self, value):
        value = super().clean(value)
        url = (value.get("url") or "").strip()
        errors = {}
        if not value.get("page") and not url:
            errors["page"] = ValidationError(_("Choose a page or type an address."))
        elif url and not (url.startswith(("https://", "http://", "/", "mailto:", "tel:"))):
            errors["url"] = ValidationError(
                _("An address starts with https://, http://, /, mailto: or tel:.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action.html"
        preview_value = {
            "title": "Daftar sebagai pengunjung",
            "text": "Gratis. Tiket masuk dikirim ke surel Anda.",
            "button_label": "Daftar sekarang",
            "url": "/",
            "style": "primary",
        }
        description = _("A band with a title, a line and one button.")


class LiveFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    edition = blocks.ChoiceBlock(
        label=_("edition"),
        choices=edition_choices,
        required=False,
        help_text=_("Empty: the edition of the page, or the home page's featured edition."),
    )

    def get_context(self, value, parent_context=None):
        from dashboards.selectors import public_editions
        from events.selectors import current_edition

        from .selectors import live_figures_of

        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        event = None
        if value.get("edition"):
            event = public_editions().filter(pk=value["edition"]).first()
        if event is None:
            page = parent_context.get("page")
            event = parent_context.get("edition") or getattr(page, "edition", None)
        context["figures"] = live_figures_of(event or current_edition())
        return context

    class Meta:
        icon = "table"
        label = _("Live figures")
        template = "blocks/live_figures.html"
        preview_value = {"heading": "Angka pameran hari ini"}
        description = _(
            "Visitors today and in total, exhibitors and deals by kind, updated every minute."
        )


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    images = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("image", ImageChooserBlock(label=_("image"))),
                ("caption", blocks.CharBlock(label=_("caption"), required=False, max_length=150)),
            ],
            label=_("photo"),
        ),
        label=_("photos"),
        min_num=1,
        max_num=24,
    )

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blocks/gallery.html"
        preview_value = {"heading": "Galeri"}
        description = _("A grid of photos.")


class EmbedBlock(blocks.StructBlock):
    embed = WagtailEmbedBlock(
        label=_("address of the video or post"), help_text=_("YouTube, Instagram, …")
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "media"
        label = _("Video or post")
        template = "blocks/embed.html"
        preview_value = {"caption": "Pembukaan pameran"}
        description = _("A video or social-media post from its address.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=600)
    name = blocks.CharBlock(label=_("name"), required=False, max_length=120)
    role = blocks.CharBlock(label=_("role"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        preview_value = {
            "quote": "Di pameran ini kami bertemu pembeli dari tiga negara.",
            "name": "Sri Wahyuni",
            "role": "Pemilik usaha batik tulis",
        }
        description = _("Someone's words, with their name.")


class TableBlock(WagtailTableBlock):
    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table.html"
        preview_value = {
            "first_row_is_table_header": True,
            "data": [["Hari", "Jam buka"], ["Kamis", "09.00–21.00"], ["Jumat", "09.00–21.00"]],
        }
        description = _("Rows and columns, such as opening hours or prices.")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"), required=False, max_length=150, help_text=_("Empty: its title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link.html"
        preview_value = {"label": "Panduan peserta pameran (PDF)"}
        description = _("A link to download a document, with its type and size.")


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("question or title"), max_length=250)
    body = RichTextBlock(label=_("answer"))

    class Meta:
        icon = "help"
        label = _("item")


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        template = "blocks/accordion.html"
        preview_value = {
            "heading": "Pertanyaan umum",
            "items": [
                {"title": "Apakah masuk pameran gratis?", "body": "<p>Ya, cukup mendaftar.</p>"},
                {"title": "Di mana saya parkir?", "body": "<p>Di kantong parkir timur.</p>"},
            ],
        }
        description = _("Questions or sections that open one at a time.")


class BodyBlock(blocks.StreamBlock):
    rich_text = RichTextBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    live_figures = LiveFiguresBlock()
    gallery = GalleryBlock()
    embed = EmbedBlock()
    quote = QuoteBlock()
    table = TableBlock()
    document = DocumentLinkBlock()
    accordion = AccordionBlock()

    class Meta:
        label = _("Body")


class FaqBlock(blocks.StreamBlock):
    """The FAQ page: groups of questions, with text between them."""

    accordion = AccordionBlock()
    rich_text = RichTextBlock()

    class Meta:
        label = _("Questions")


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    label = blocks.CharBlock(
        label=_("label (Indonesian)"),
        required=False,
        max_length=60,
        help_text=_("Empty: the page's title, in the reader's language."),
    )
    label_en = blocks.CharBlock(label=_("label (English)"), required=False, max_length=60)

    class Meta:
        icon = "doc-empty"
        label = _("Page")


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.CharBlock(
        label=_("address"), max_length=300, help_text=_("https://… or a path such as /tiket/…")
    )
    label = blocks.CharBlock(label=_("label (Indonesian)"), max_length=60)
    label_en = blocks.CharBlock(label=_("label (English)"), required=False, max_length=60)

    def clean(self, value):
        value = super().clean(value)
        if not value["url"].startswith(("https://", "http://", "/", "mailto:", "tel:")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("An address starts with https://, http://, /, mailto: or tel:.")
                    )
                }
            )
        return value

    class Meta:
        icon = "link-external"
        label = _("Other address")


class MenuBlock(blocks.StreamBlock):
    page = PageLinkBlock()
    link = ExternalLinkBlock()

    class Meta:
        label = _("Links")
        max_num = 12
