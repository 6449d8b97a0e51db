"""Private documents: who may open one, what the response looks like, and the audit of reads."""

import re

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from exhibitors.factories import (
    TINY_PDF,
    ApplicationFactory,
    BusinessFactory,
    CertificationFactory,
    DocumentFactory,
    manager_of,
)
from exhibitors.models import ApplicationStatus, DocumentAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A business applying (submitted) to an edition through association X, and bystanders."""
    event, other_event = EventFactory(), EventFactory()
    association, other_association = AssociationFactory(), AssociationFactory()
    ParticipationFactory(event=event, association=association)
    ParticipationFactory(event=event, association=other_association)
    business, other_business = BusinessFactory(), BusinessFactory()
    application = ApplicationFactory(
        business=business, event=event, association=association, status=ApplicationStatus.SUBMITTED
    )
    users = {
        "exhibitor": manager_of(business),
        "other_exhibitor": manager_of(other_business),
        "association_admin": UserFactory(),
        "other_association_admin": UserFactory(),
        "organizer": UserFactory(),
        "other_organizer": UserFactory(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "plain": UserFactory(),
    }
    role_grant(user=users["association_admin"], role=Role.ASSOCIATION_ADMIN, scope=association)
    role_grant(
        user=users["other_association_admin"], role=Role.ASSOCIATION_ADMIN, scope=other_association
    )
    role_grant(user=users["organizer"], role=Role.ORGANIZER, scope=event)
    role_grant(user=users["other_organizer"], role=Role.ORGANIZER, scope=other_event)
    return {
        "event": event,
        "association": association,
        "business": business,
        "application": application,
        "document": DocumentFactory(business=business),
        "users": users,
    }


def url(document_or_pk):
    return reverse("exhibitors:document", args=[getattr(document_or_pk, "pk", document_or_pk)])


def page_text(response, own_url: str) -> str:
    text = response.content.decode().replace(own_url, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# Who may read, and whether the read is recorded (reads by the business's own managers are not).
ALLOWED = [
    ("exhibitor", False),
    ("association_admin", True),
    ("organizer", True),
    ("superuser", True),
]
REFUSED = ["other_exhibitor", "other_association_admin", "other_organizer", "plain"]


@pytest.mark.parametrize(("who", "recorded"), ALLOWED)
def test_allowed_readers_get_the_file_and_others_reads_are_recorded(client, world, who, recorded):
    user = world["users"][who]
    client.force_login(user)

    response = client.get(url(world["document"]), REMOTE_ADDR="10.9.8.7")

    assert response.status_code == 200
    assert body(response) == TINY_PDF
    accesses = DocumentAccess.objects.filter(document=world["document"])
    if recorded:
        access = accesses.get()
        assert (access.user, access.ip_address) == (user, "10.9.8.7")
    else:
        assert not accesses.exists()


@pytest.mark.parametrize("who", REFUSED)
def test_everyone_else_gets_the_same_404_as_for_a_document_that_does_not_exist(client, world, who):
    client.force_login(world["users"][who])
    missing_pk = world["document"].pk + 1000

    refused = client.get(url(world["document"]))
    missing = client.get(url(missing_pk))

    assert refused.status_code == missing.status_code == 404
    # The pages differ only by their own address (language links) and the masked CSRF token.
    assert page_text(refused, url(world["document"])) == page_text(missing, url(missing_pk))
    assert not DocumentAccess.objects.exists()


def test_the_association_sees_nothing_while_the_application_is_a_draft(client, world):
    world["application"].status = ApplicationStatus.DRAFT
    world["application"].save()
    client.force_login(world["users"]["association_admin"])

    assert client.get(url(world["document"])).status_code == 404
    assert not DocumentAccess.objects.exists()


def test_the_association_reads_once_the_application_was_submitted_even_if_returned_since(
    client, world
):
    world["application"].status = ApplicationStatus.RETURNED
    world["application"].save()
    client.force_login(world["users"]["association_admin"])

    assert client.get(url(world["document"])).status_code == 200


def test_a_certificate_scan_is_served_like_any_document(client, world):
    certification = CertificationFactory(business=world["business"])
    client.force_login(world["users"]["organizer"])

    response = client.get(url(certification.document))

    assert response.status_code == 200
    assert DocumentAccess.objects.filter(document=certification.document).count() == 1


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_recorded(client, world):
    response = client.get(url(world["document"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not DocumentAccess.objects.exists()


def test_the_response_is_inline_private_and_never_sniffed(client, world):
    client.force_login(world["users"]["organizer"])

    response = client.get(url(world["document"]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="document.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_hostile_original_name_does_not_reach_the_header(client, world):
    document = DocumentFactory(
        business=world["business"], original_name='../../etc/"pass\r\nSet-Cookie: x=1;.exe.pdf'
    )
    client.force_login(world["users"]["exhibitor"])

    disposition = client.get(url(document))["Content-Disposition"]

    assert disposition.startswith('inline; filename="')
    name = disposition.removeprefix('inline; filename="').removesuffix('"')
    assert name.endswith(".pdf")
    assert not set(name) & set('/\\"\r\n;:')


def test_an_image_is_served_with_its_own_type(client, world):
    document = DocumentFactory(
        business=world["business"], content_type="image/png", original_name="izin.png"
    )
    client.force_login(world["users"]["exhibitor"])

    response = client.get(url(document))

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="izin.png"'


def test_a_type_that_should_not_be_there_is_downloaded_not_shown(client, world):
    document = DocumentFactory(business=world["business"], content_type="text/html")
    client.force_login(world["users"]["exhibitor"])

    response = client.get(url(document))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_file_missing_from_storage_is_a_404_not_a_server_error(client, world):
    document = world["document"]
    document.file.delete(save=False)
    client.force_login(world["users"]["exhibitor"])

    assert client.get(url(document)).status_code == 404


def test_only_get_is_accepted(client, world):
    client.force_login(world["users"]["exhibitor"])

    assert client.post(url(world["document"])).status_code == 405
