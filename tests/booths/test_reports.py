"""Fill rates, unplaced applications and the printable plan, read back from the PDF."""

import io

import pytest
from pypdf import PdfReader

from booths.models import Booth
from booths.pdf import render_floor_plan_pdf
from booths.reports import fill_by_hall, fill_by_zone, printable_plan, unplaced_applications
from booths.services import booth_assign
from tests.booths.test_holds import approved, build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = build_plan(booths=5)
    Booth.objects.filter(pk=plan["booths"][4].pk).update(is_blocked=True)
    placed, _ = approved(plan)
    placed.business.brand_name = "Batik Sekar Arum"
    placed.business.save()
    booth_assign(booth=plan["booths"][0], application=placed, actor=None)
    plan["waiting"], _ = approved(plan)
    return plan


def test_fill_rates_count_taken_and_blocked_booths(plan):
    (hall,) = fill_by_hall(plan["event"])
    assert (hall.booths, hall.taken, hall.blocked, hall.percent) == (4, 1, 1, 25.0)
    zones = {rate.label: rate for rate in fill_by_zone(plan["event"])}
    assert zones["A/KRI — Kriya"].taken == 1


def test_unplaced_lists_approved_applications_without_their_booths(plan):
    assert [a.pk for a in unplaced_applications(plan["event"])] == [plan["waiting"].pk]


def test_the_printable_plan_names_each_booth_and_its_exhibitor(plan, english):
    pdf = render_floor_plan_pdf(event_name=plan["event"].name, halls=printable_plan(plan["event"]))

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2  # the hall, then the booth list
    hall_page, booth_list = (page.extract_text() for page in reader.pages)
    assert "400 × 20 m · 5 booths" in hall_page
    assert all(f"A-00{n}" in hall_page for n in range(5))
    assert "booth list" in booth_list
    assert "A-000\nBatik Sekar Arum" in booth_list
    assert "(blocked)" in booth_list
    assert reader.metadata.title == f"Floor plan — {plan['event'].name}"


def test_the_plan_reads_in_three_queries_whatever_its_size(plan, django_assert_num_queries):
    with django_assert_num_queries(3):
        halls = printable_plan(plan["event"])
    assert sum(len(booths) for _hall, booths in halls) == 5
