import hashlib
from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import AssociationFactory, EventFactory
from events.regions import Province

from .models import (
    Application,
    Business,
    Certification,
    CertificationKind,
    Document,
    DocumentKind,
    LegalForm,
    Product,
    Scale,
    Sector,
)

# The smallest file a PDF reader opens; factories skip the upload check on purpose.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Business

    legal_name = factory.Sequence(lambda n: f"CV Usaha Contoh {n}")
    brand_name = factory.Sequence(lambda n: f"Merek {n}")
    nib = factory.Sequence(lambda n: f"{9120000000000 + n:013d}")
    legal_form = LegalForm.CV
    scale = Scale.MIKRO
    sector = Sector.KRIYA
    province = Province.JAWA_TENGAH
    city = "Kota Surakarta"
    address = "Jl. Slamet Riyadi No. 10"
    whatsapp = "+6281234567890"


def manager_of(business: Business, **user_fields):
    """A verified account managing ``business``."""
    user = UserFactory(**user_fields)
    role_grant(user=user, role=Role.EXHIBITOR, scope=business)
    return user


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    business = factory.SubFactory(BusinessFactory)
    name = factory.Sequence(lambda n: f"Produk {n}")
    price_min = 25_000
    price_max = 150_000
    unit = "pcs"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    business = factory.SubFactory(BusinessFactory)
    kind = DocumentKind.NIB
    file = factory.LazyFunction(lambda: ContentFile(TINY_PDF, name="document.pdf"))
    original_name = "document.pdf"
    content_type = "application/pdf"
    size = len(TINY_PDF)
    sha256 = hashlib.sha256(TINY_PDF).hexdigest()


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    business = factory.SubFactory(BusinessFactory)
    kind = CertificationKind.HALAL
    number = factory.Sequence(lambda n: f"ID3311{n:013d}")
    issued_on = factory.LazyFunction(lambda: date.today() - timedelta(days=365))
    expires_on = factory.LazyFunction(lambda: date.today() + timedelta(days=365 * 3))
    document = factory.SubFactory(
        DocumentFactory, business=factory.SelfAttribute("..business"), kind=DocumentKind.CERTIFICATE
    )


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    business = factory.SubFactory(BusinessFactory)
    event = factory.SubFactory(EventFactory)
    association = factory.SubFactory(AssociationFactory)
