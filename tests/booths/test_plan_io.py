"""A hall's plan travels as JSON or CSV; a bad file says every problem and changes nothing."""

import json
import time
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.models import Allocation, AllocationKind, Booth, BoothType, Hall, Zone
from booths.plan_io import export_hall, import_hall
from events.factories import EventFactory
from exhibitors.factories import ApplicationFactory
from exhibitors.models import BoothSize, Sector

pytestmark = pytest.mark.django_db
HEADER = "code,zone,type,x_m,y_m,width_m,depth_m,blocked,blocked_reason"


def organizer_of(event):
    user = UserFactory()
    role_grant(user=user, role=Role.ORGANIZER, scope=event)
    return user


@pytest.fixture
def plan():
    event = EventFactory()
    hall = Hall.objects.create(event=event, code="A", name="Pendopo", width_m=30, depth_m=20)
    crafts = Zone.objects.create(hall=hall, code="KRI", name="Kriya", sectors=[Sector.KRIYA])
    food = Zone.objects.create(hall=hall, code="KUL", name="Kuliner", has_water=True)
    standard = BoothType.objects.create(
        event=event,
        code="STD",
        name="Standar",
        width_m=3,
        depth_m=3,
        price=1_500_000,
        power_watts=900,
        serves=BoothSize.STANDARD,
    )
    culinary = BoothType.objects.create(
        event=event,
        code="KUL",
        name="Kuliner",
        width_m=Decimal("2.5"),
        depth_m=3,
        needs_water=True,
        sectors=[Sector.KULINER],
        serves=BoothSize.CULINARY,
    )
    booths = [
        Booth.objects.create(
            hall=hall,
            zone=crafts,
            booth_type=standard,
            code=f"A-00{n}",
            x_m=3 * n,
            y_m=0,
            width_m=3,
            depth_m=3,
        )
        for n in range(1, 4)
    ]
    booths.append(
        Booth.objects.create(
            hall=hall,
            zone=food,
            booth_type=culinary,
            code="K-01",
            x_m=Decimal("0.5"),
            y_m=Decimal("10.25"),
            width_m=Decimal("2.5"),
            depth_m=3,
            is_blocked=True,
            blocked_reason="Tiang, pilar",
        )
    )
    return {"event": event, "hall": hall, "booths": booths, "organizer": organizer_of(event)}


def snapshot():
    """Everything an import may write, to prove a refused import wrote nothing."""
    return (
        list(Hall.objects.values_list("event", "code", "name", "width_m", "depth_m")),
        list(Zone.objects.values_list("hall", "code", "name", "sectors", "has_water")),
        list(BoothType.objects.values_list("event", "code", "width_m", "price")),
        list(
            Booth.objects.order_by("pk").values_list(
                "hall", "code", "zone", "booth_type", "x_m", "y_m", "width_m", "is_blocked"
            )
        ),
    )


def csv_of(*rows):
    return "\n".join([HEADER, *rows]) + "\n"


# --- round trips --------------------------------------------------------------------


def test_a_json_export_imports_into_another_edition_unchanged(plan):
    exported = export_hall(plan["hall"], "json")
    other = EventFactory()

    result = import_hall(event=other, data=exported, fmt="json", actor=organizer_of(other))

    assert result.hall.event == other
    assert sorted(result.created) == ["A-001", "A-002", "A-003", "K-01"]
    assert result.updated == result.deleted == []
    assert export_hall(result.hall, "json") == exported
    data = json.loads(exported)
    assert data["hall"] == {
        "code": "A",
        "name": "Pendopo",
        "width_m": "30",
        "depth_m": "20",
        "is_outdoor": False,
    }
    assert data["booths"][-1]["blocked_reason"] == "Tiang, pilar"
    assert BoothType.objects.filter(event=other).count() == 2  # types are per edition


def test_a_csv_export_imports_into_an_existing_hall_of_another_edition(plan):
    other = EventFactory()
    skeleton = json.loads(export_hall(plan["hall"], "json"))
    skeleton["booths"] = []
    import_hall(event=other, data=json.dumps(skeleton), fmt="json", actor=None)
    exported = export_hall(plan["hall"], "csv")

    result = import_hall(
        event=other, data=exported, fmt="csv", actor=organizer_of(other), hall_code="A"
    )

    assert exported.splitlines()[0] == HEADER
    assert '"Tiang, pilar"' in exported
    assert len(result.created) == 4
    assert export_hall(result.hall, "csv") == exported


def test_importing_again_updates_changed_booths_and_deletes_missing_ones(plan):
    exported = export_hall(plan["hall"], "csv")
    lines = exported.splitlines()
    lines[1] = lines[1].replace("A-001,KRI,STD,3,0", "A-001,KRI,STD,3,5")
    del lines[3]
    lines.append("A-009,KRI,STD,20,5,,,no,")  # blank size: the type's 3 × 3 m

    result = import_hall(
        event=plan["event"],
        data="\n".join(lines),
        fmt="csv",
        actor=plan["organizer"],
        hall_code="A",
    )

    assert (result.created, result.updated, result.deleted) == (["A-009"], ["A-001"], ["A-003"])
    assert Booth.objects.get(code="A-001").y_m == 5
    new = Booth.objects.get(code="A-009")
    assert (new.width_m, new.depth_m) == (3, 3)
    assert not Booth.objects.filter(code="A-003").exists()


def test_a_json_import_updates_the_hall_zones_and_types_by_code(plan):
    data = json.loads(export_hall(plan["hall"], "json"))
    data["hall"]["name"] = "Pendopo Ageng"
    data["zones"][0]["has_water"] = True
    data["booth_types"][1]["price"] = "2.000.000"  # as Indonesians write it

    result = import_hall(event=plan["event"], data=json.dumps(data), fmt="json", actor=None)

    assert result.hall.pk == plan["hall"].pk
    assert (result.created, result.updated, result.deleted) == ([], [], [])
    assert Hall.objects.get().name == "Pendopo Ageng"
    assert Zone.objects.get(code="KRI").has_water
    assert BoothType.objects.get(code="STD").price == 2_000_000


def test_numbers_in_a_semicolon_csv_may_use_decimal_commas(plan):
    data = "\ufeffcode;zone;type;x_m;y_m;width_m;depth_m\nB-1;KRI;STD;12,5;6;3;3\n"
    import_hall(event=plan["event"], data=data, fmt="csv", actor=None, hall_code="A")
    booth = Booth.objects.get(code="B-1")
    assert booth.x_m == Decimal("12.5")


# --- bad input ----------------------------------------------------------------------

GOOD = "A-001,KRI,STD,3,0,3,3,false,"
BAD_CSV = [
    ([GOOD, "A-002,KRI,STD,4,1,3,3,false,"], "Row 3: booth A-002 overlaps A-001."),
    (
        [GOOD, "B-01,KRI,STD,28,0,3,3,false,"],
        "Row 3: booth B-01 does not fit in hall A (30 × 20 m).",
    ),
    ([GOOD, "B-01,KRI,XL,12,0,3,3,false,"], "Row 3: unknown booth type XL."),
    (["B-01,KUL2,STD,12,0,3,3,false,", GOOD], "Row 2: unknown zone KUL2."),
    ([GOOD, "A-001,KRI,STD,12,0,3,3,false,"], "Row 3: booth A-001 appears twice (first in row 2)."),
    (
        [GOOD, "B-01,KRI,STD,abc,0,3,3,false,"],
        "Row 3: booth B-01: x is not a number of metres: abc.",
    ),
    ([GOOD, "B-01,KRI,STD,1e9,0,3,3,false,"], "Row 3: booth B-01: x is not a number"),
    ([GOOD, "B-01,KRI,STD,NaN,0,3,3,false,"], "Row 3: booth B-01: x is not a number"),
    ([GOOD, "B-01,KRI,STD,12,-1,3,3,false,"], "Row 3: booth B-01: the position cannot be negative"),
    ([GOOD, "B-01,KRI,STD,12,0,0,3,false,"], "Row 3: booth B-01: width must be at least 0.5 m"),
    ([GOOD, "B-01,KRI,STD,12,0,3,-3,false,"], "Row 3: booth B-01: depth must be at least 0.5 m"),
    ([GOOD, "B-01,KRI,STD,12,0,3,3,maybe,"], "Row 3: booth B-01: blocked must be true or false."),
    ([GOOD, ",KRI,STD,12,0,3,3,false,"], "Row 3: the booth code is missing or too long."),
    ([GOOD, "B-01,KRI,STD,12,0,3"], "Row 3: expected 9 columns, found 6."),
]


@pytest.mark.parametrize(("rows", "message"), BAD_CSV)
def test_a_bad_csv_row_is_named_and_nothing_changes(plan, english, rows, message):
    before = snapshot()
    with pytest.raises(ValidationError) as raised:
        import_hall(
            event=plan["event"],
            data=csv_of(*rows, "A-002,KRI,STD,6,0,3,3,,", "A-003,KRI,STD,9,0,3,3,,"),
            fmt="csv",
            actor=plan["organizer"],
            hall_code="A",
        )
    assert any(m.startswith(message) for m in raised.value.messages), raised.value.messages
    assert snapshot() == before


def test_every_problem_of_a_file_is_reported_at_once(plan, english):
    rows = [GOOD, "B-01,KRI,XL,12,0,3,3,,", "B-02,NOPE,STD,-4,0,3,3,,", "A-002,KRI,STD,4,0,3,3,,"]
    with pytest.raises(ValidationError) as raised:
        import_hall(event=plan["event"], data=csv_of(*rows), fmt="csv", actor=None, hall_code="A")
    assert raised.value.messages == [
        "Row 3: unknown booth type XL.",
        "Row 4: unknown zone NOPE.",
        "Row 4: booth B-02: the position cannot be negative (x = -4).",
        "Row 5: booth A-002 overlaps A-001.",
    ]


def test_booths_that_only_touch_do_not_overlap(plan):
    rows = ["A-001,KRI,STD,0,0,3,3,,", "A-002,KRI,STD,3,0,3,3,,", "A-003,KRI,STD,0,3,3,3,,"]
    import_hall(event=plan["event"], data=csv_of(*rows), fmt="csv", actor=None, hall_code="A")
    assert Booth.objects.filter(hall=plan["hall"]).count() == 3


def modified_json(plan, change):
    data = json.loads(export_hall(plan["hall"], "json"))
    change(data)
    return json.dumps(data)


BAD_JSON = [
    (lambda d: d["zones"][0].update(sectors=["kriya", "batik"]), "Zone 1: unknown sector batik"),
    (lambda d: d["booth_types"][0].update(sectors="sepatu"), "Booth type 1: unknown sector sepatu"),
    (lambda d: d["booth_types"][0].update(width_m=0), "Booth type 1: width must be at least 0.5"),
    (lambda d: d["booth_types"][0].update(price=-5), "Booth type 1: price must be a whole number"),
    (lambda d: d["booth_types"][0].update(price="Rp 5"), "Booth type 1: price must be a whole"),
    (lambda d: d["hall"].update(code="TOO-LONG-CODE"), "Hall: the code is missing or longer"),
    (lambda d: d["booth_types"][0].update(serves="huge"), "Booth type 1: unknown booth size huge"),
    (lambda d: d["zones"].append(dict(d["zones"][0])), "Zone 3: zone KRI appears twice."),
    (lambda d: d["hall"].update(width_m="lebar"), "Hall: width is not a number of metres"),
    (lambda d: d["hall"].update(depth_m=5), "Row 4: booth K-01 does not fit in hall A (30 × 5 m)."),
    (lambda d: d["booths"][0].update(x_m=True), "Row 1: booth A-001: x is not a number"),
    (lambda d: d["booths"][1].update(type="XL"), "Row 2: unknown booth type XL."),
    (lambda d: d["booths"][1].update(x_m="2.999"), "Row 2: booth A-002: x is not a number"),
]


@pytest.mark.parametrize(("change", "message"), BAD_JSON)
def test_a_bad_json_plan_is_named_and_nothing_changes(plan, english, change, message):
    data = modified_json(plan, change)
    before = snapshot()
    with pytest.raises(ValidationError) as raised:
        import_hall(event=plan["event"], data=data, fmt="json", actor=plan["organizer"])
    assert any(m.startswith(message) for m in raised.value.messages), raised.value.messages
    assert snapshot() == before


@pytest.mark.parametrize(
    ("fmt", "data", "message"),
    [
        ("json", '{"hall": {"code": "A",', "The file is not valid JSON (line 1, column"),
        ("json", "[1, 2]", 'The JSON file needs a "hall" object'),
        ("json", '{"hall": {}, "booths": {"a": 1}}', '"booths" must be a list of objects.'),
        ("csv", "", "The file is empty."),
        ("csv", "kode,x\nA,1\n", "The CSV file lacks the columns: code, zone, type, x_m, y_m."),
        ("csv", HEADER + '\n"A-1,KRI\n', "The file is not valid CSV"),
        ("xlsx", "whatever", "Unknown file format xlsx"),
    ],
)
def test_a_malformed_file_gets_a_clear_message(plan, english, fmt, data, message):
    before = snapshot()
    with pytest.raises(ValidationError) as raised:
        import_hall(event=plan["event"], data=data, fmt=fmt, actor=None, hall_code="A")
    assert raised.value.messages[0].startswith(message), raised.value.messages
    assert snapshot() == before


def test_a_csv_import_needs_an_existing_hall(plan, english):
    with pytest.raises(ValidationError, match="This edition has no hall Z"):
        import_hall(event=plan["event"], data=csv_of(GOOD), fmt="csv", actor=None, hall_code="Z")
    with pytest.raises(ValidationError, match="Say which hall"):
        import_hall(event=plan["event"], data=csv_of(GOOD), fmt="csv", actor=None)


def test_booths_with_allocations_are_not_deleted(plan, english):
    kept = plan["booths"][1]
    application = ApplicationFactory(event=plan["event"])
    Allocation.objects.create(booth=kept, application=application, kind=AllocationKind.ASSIGNMENT)
    before = snapshot()

    with pytest.raises(ValidationError) as raised:
        import_hall(
            event=plan["event"],
            data=csv_of(GOOD),
            fmt="csv",
            actor=plan["organizer"],
            hall_code="A",
        )

    assert raised.value.messages == [
        "Booths A-002 are not in the file but have allocations; keep them in the file or "
        "release and remove them by hand."
    ]
    assert snapshot() == before


def test_only_the_edition_s_organizers_import(plan, english):
    exported = export_hall(plan["hall"], "json")
    stranger, other_organizer = UserFactory(), organizer_of(EventFactory())
    before = snapshot()
    for actor in (stranger, other_organizer):
        with pytest.raises(PermissionDenied):
            import_hall(event=plan["event"], data=exported, fmt="json", actor=actor)
        with pytest.raises(PermissionDenied):
            import_hall(
                event=plan["event"], data=exported, fmt="json", actor=actor, hall_code="NEW"
            )
        with pytest.raises(PermissionDenied):
            import_hall(
                event=plan["event"], data=csv_of(GOOD), fmt="csv", actor=actor, hall_code="A"
            )
    assert snapshot() == before


def test_a_thousand_booths_import_quickly_and_overlaps_are_found_among_them(english):
    event = EventFactory()
    booths = [
        {
            "code": f"B-{n:04d}",
            "zone": "UMUM",
            "type": "STD",
            "x_m": 3 * (n % 40),
            "y_m": 3 * (n // 40),
        }
        for n in range(1000)
    ]
    data = {
        "hall": {"code": "B", "name": "Hall B", "width_m": 120, "depth_m": 75},
        "zones": [{"code": "UMUM", "name": "Umum"}],
        "booth_types": [{"code": "STD", "name": "Standar", "width_m": 3, "depth_m": 3}],
        "booths": booths,
    }
    booths[999]["x_m"] = 1  # now overlapping B-0960 and B-0961
    with pytest.raises(ValidationError) as raised:
        import_hall(event=event, data=json.dumps(data), fmt="json", actor=None)
    assert raised.value.messages == [
        "Row 1000: booth B-0999 overlaps B-0960.",
        "Row 1000: booth B-0999 overlaps B-0961.",
    ]
    assert not Hall.objects.exists()

    booths[999]["x_m"] = 117
    started = time.perf_counter()
    result = import_hall(event=event, data=json.dumps(data), fmt="json", actor=organizer_of(event))
    elapsed = time.perf_counter() - started

    assert len(result.created) == 1000
    assert Booth.objects.filter(hall=result.hall).count() == 1000
    assert elapsed < 5, elapsed
    again = import_hall(event=event, data=export_hall(result.hall), fmt="json", actor=None)
    assert (again.created, again.updated, again.deleted) == ([], [], [])


def test_a_wall_to_wall_overlap_stops_at_a_readable_number_of_messages(english):
    event = EventFactory()
    data = {
        "hall": {"code": "C", "name": "C", "width_m": 10, "depth_m": 10},
        "zones": [{"code": "Z", "name": "Z"}],
        "booth_types": [{"code": "T", "name": "T", "width_m": 3, "depth_m": 3}],
        "booths": [
            {"code": str(n), "zone": "Z", "type": "T", "x_m": 0, "y_m": 0} for n in range(20)
        ],
    }
    with pytest.raises(ValidationError) as raised:
        import_hall(event=event, data=json.dumps(data), fmt="json", actor=None)
    assert len(raised.value.messages) == 51
    assert raised.value.messages[-1] == "… and 140 more problems."


# --- commands -----------------------------------------------------------------------


def test_the_commands_export_and_import_through_files(plan, tmp_path):
    out = StringIO()
    call_command("export_hall", plan["event"].slug, "A", stdout=out)
    other = EventFactory()
    path = tmp_path / "hall.json"
    path.write_text(out.getvalue(), encoding="utf-8")

    report = StringIO()
    call_command("import_hall", other.slug, str(path), stdout=report)

    assert "4 booths created" in report.getvalue()
    assert export_hall(Hall.objects.get(event=other)) == out.getvalue()

    csv_out = StringIO()
    call_command("export_hall", plan["event"].slug, "A", "--format", "csv", stdout=csv_out)
    assert csv_out.getvalue() == export_hall(plan["hall"], "csv")
    csv_path = tmp_path / "booths.csv"
    csv_path.write_text(csv_out.getvalue().replace("A-001", "A-101"), encoding="utf-8")
    call_command("import_hall", other.slug, str(csv_path), "--hall", "A", stdout=report)
    assert "1 booths created, 0 updated, 1 deleted" in report.getvalue()


def test_the_import_command_prints_the_problems_not_a_traceback(plan, tmp_path, english):
    path = tmp_path / "booths.csv"
    path.write_text(csv_of(GOOD, "B-01,KRI,XL,12,0,3,3,,"), encoding="utf-8")
    with pytest.raises(CommandError, match="Row 3: unknown booth type XL."):
        call_command("import_hall", plan["event"].slug, str(path), "--hall", "A")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("code\nPérez".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_hall", plan["event"].slug, str(latin), "--hall", "A")
    with pytest.raises(CommandError, match="name it .json or .csv"):
        call_command("import_hall", plan["event"].slug, str(tmp_path / "plan.xlsx"))
    with pytest.raises(CommandError, match="No hall 'Q'"):
        call_command("export_hall", plan["event"].slug, "Q")
