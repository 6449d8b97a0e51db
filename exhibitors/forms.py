"""Forms of the exhibitor portal: the business profile, products, certificates, documents and
applications.

Forms only read and tidy what people type (NIB with spaces, "Rp 1.500.000", "0812 …");
the services in ``exhibitors.services`` decide and write. Images (logo, product photos) are
checked by content and re-encoded here, because they go to public storage through the
model's own ImageField; private documents are checked by the services that store them.
"""

from __future__ import annotations

import re
import uuid

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.forms import normalize_indonesian_phone
from events.models import Association

from . import validators
from .files import check_upload
from .models import (
    SCALE_BANDS,
    Application,
    Business,
    Certification,
    DocumentKind,
    Product,
    Scale,
)

IMAGE_FORMATS = ("jpeg", "png")
IMAGE_ACCEPT = "image/jpeg,image/png"
DOCUMENT_ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


class BootstrapMixin:
    """Bootstrap's classes on every widget, so templates render fields with one include."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"  # RadioSelect covers CheckboxSelectMultiple
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def reencoded_image(uploaded, *, stem: str):
    """The upload, checked and re-encoded, under a random name (no original name leaks out)."""
    if not isinstance(uploaded, UploadedFile):
        return uploaded  # the stored file, kept unchanged, or False to clear it
    checked = check_upload(uploaded, allowed=IMAGE_FORMATS)
    return checked.as_django_file(f"{stem}-{uuid.uuid4().hex[:12]}")


class RupiahField(forms.IntegerField):
    """Whole rupiah; accepts what people type: "1.500.000", "Rp 1.500.000", "1500000"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"(?i)^\s*rp\.?|[\s.]", "", value)
        return super().to_python(value)


# --- Business profile ------------------------------------------------------------------------


def scale_choices():
    return [
        (scale.value, format_lazy("{} — {}", scale.label, SCALE_BANDS[scale])) for scale in Scale
    ]


class BusinessForm(BootstrapMixin, forms.ModelForm):
    # Wider than the stored 13 digits: people copy the NIB with spaces or dots.
    nib = forms.CharField(
        label=_("NIB"),
        max_length=32,
        help_text=_("Nomor Induk Berusaha from OSS: 13 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "1234567890123"}),
    )
    scale = forms.ChoiceField(
        label=_("scale"),
        choices=scale_choices,
        widget=forms.RadioSelect,
        help_text=_("By annual sales (PP 7/2021)."),
    )
    whatsapp = forms.CharField(
        label=_("WhatsApp number"),
        max_length=24,
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "0812 3456 7890"}
        ),
    )
    website = forms.URLField(
        label=_("website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    logo = forms.FileField(
        label=_("logo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("JPEG or PNG, at most 10 MB. Shown in the exhibitor directory."),
    )

    class Meta:
        model = Business
        fields = [
            "legal_name",
            "brand_name",
            "nib",
            "legal_form",
            "scale",
            "sector",
            "province",
            "city",
            "address",
            "whatsapp",
            "email",
            "website",
            "marketplace_links",
            "description",
            "logo",
            "founded_year",
            "employees",
            "export_experience",
            "export_destinations",
            "is_published",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "marketplace_links": forms.Textarea(
                attrs={"rows": 3, "placeholder": "https://www.tokopedia.com/…"}
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
            "founded_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "employees": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    # Groups of fields, in order, for the template's sections.
    SECTIONS = (
        (_("The business"), ("legal_name", "brand_name", "nib", "legal_form", "scale", "sector")),
        (_("Where and how to reach it"), ("province", "city", "address", "whatsapp", "email")),
        (_("Online"), ("website", "marketplace_links")),
        (
            _("About"),
            (
                "description",
                "logo",
                "founded_year",
                "employees",
                "export_experience",
                "export_destinations",
                "is_published",
            ),
        ),
    )

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def clean_nib(self):
        nib = validators.normalize_nib(self.cleaned_data["nib"])
        validators.validate_nib(nib)
        return nib

    def clean_whatsapp(self):
        return normalize_indonesian_phone(self.cleaned_data["whatsapp"])

    def clean_logo(self):
        return reencoded_image(self.cleaned_data.get("logo"), stem="logo")


class ManagerAddForm(BootstrapMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email of the account to add"),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "placeholder": "nama@contoh.id"}),
        help_text=_("The person signs up first and confirms their email address."),
    )


# --- Products --------------------------------------------------------------------------------


class ProductForm(BootstrapMixin, forms.ModelForm):
    price_min = RupiahField(
        label=_("lowest price (Rp)"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "25.000"}),
    )
    price_max = RupiahField(
        label=_("highest price (Rp)"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "150.000"}),
    )
    # Wider than the stored code: "0901.21.00" is how people write it.
    hs_code = forms.CharField(
        label=_("HS code"),
        max_length=16,
        required=False,
        help_text=_("Optional: 4, 6, 8 or 10 digits, for export buyers."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "0901.21"}),
    )
    photo = forms.FileField(
        label=_("photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("JPEG or PNG, at most 10 MB."),
    )

    class Meta:
        model = Product
        fields = ["name", "description", "photo", "price_min", "price_max", "unit", "hs_code"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_hs_code(self):
        code = validators.normalize_hs_code(self.cleaned_data["hs_code"])
        validators.validate_hs_code(code)
        return code

    def clean_photo(self):
        return reencoded_image(self.cleaned_data.get("photo"), stem="product")

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The lowest price cannot be above the highest price."))
        return cleaned


# --- Certificates and documents --------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CertificationForm(BootstrapMixin, forms.ModelForm):
    document = forms.FileField(
        label=_("Scan or photo of the certificate"),
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )

    class Meta:
        model = Certification
        fields = ["kind", "number", "issued_on", "expires_on"]
        widgets = {
            "issued_on": DateInput(),
            "expires_on": DateInput(),
            "number": forms.TextInput(attrs={"placeholder": "ID35110000123450122"}),
        }


class DocumentForm(BootstrapMixin, forms.Form):
    # Certificates are uploaded with their number on the certificates page.
    KINDS = [(kind.value, kind.label) for kind in DocumentKind if kind != DocumentKind.CERTIFICATE]

    kind = forms.ChoiceField(label=_("kind"), choices=KINDS)
    title = forms.CharField(label=_("title"), max_length=150, required=False)
    file = forms.FileField(
        label=_("file"),
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )


# --- Applications ----------------------------------------------------------------------------


class ApplicationForm(BootstrapMixin, forms.ModelForm):
    """What a business asks of an edition; never its status, which only services change."""

    class Meta:
        model = Application
        fields = [
            "association",
            "booth_size",
            "booth_count",
            "preferred_zone",
            "products",
            "needs_power",
            "power_watts",
            "needs_water",
            "staff_count",
            "notes",
        ]
        widgets = {
            "products": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "booth_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 4}),
            "staff_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 10}),
            "power_watts": forms.NumberInput(attrs={"inputmode": "numeric", "step": 50}),
        }

    def __init__(self, *args, business: Business, event, **kwargs):
        super().__init__(*args, **kwargs)
        association = self.fields["association"]
        association.queryset = Association.objects.filter(participations__event=event).order_by(
            "acronym"
        )
        association.label_from_instance = lambda a: f"{a.acronym} — {a.name}"
        association.help_text = _(
            "The association that vouches for your business; its admins see this application."
        )
        association.empty_label = _("Choose an association")
        products = self.fields["products"]
        products.queryset = business.products.order_by("name")
        products.help_text = _("Tick the products you will show at the booth.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("needs_power") and not cleaned.get("power_watts"):
            self.add_error("power_watts", _("Say how many watts you need."))
        if not cleaned.get("needs_power"):
            cleaned["power_watts"] = None
        return cleaned

    def service_fields(self) -> dict:
        """The cleaned answers for ``application_create``/``application_update``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "products"}


class WithdrawForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The association and the organizer read it."),
    )
