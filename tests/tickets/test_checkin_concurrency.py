"""Concurrency on PostgreSQL: one pass scanned at two gates at once is admitted once."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection

from tests.tickets.world import OPENING_MORNING, make_world
from tickets.models import CheckIn, Pass, ScanResult
from tickets.selectors import forget_memos, pass_token
from tickets.services import Scan, checkin_redeem, checkin_upload

SCANS = 64


def _in_thread(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()  # each worker thread has its own connection

    return run


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sixty_four_simultaneous_scans_at_two_gates_admit_once():
    forget_memos()
    world = make_world()
    visitor = world.register().passes[0]
    token = pass_token(visitor)
    devices = [world.north_device, world.south_device]
    start = threading.Barrier(SCANS)

    @_in_thread
    def one_scan(n):
        start.wait(timeout=60)
        scan = Scan(nonce=uuid.uuid4().hex, text=token)
        return checkin_redeem(device=devices[n % 2], scan=scan, now=OPENING_MORNING).result

    with ThreadPoolExecutor(max_workers=SCANS) as pool:
        results = list(pool.map(one_scan, range(SCANS)))
    assert results.count(ScanResult.ADMITTED) == 1
    assert CheckIn.objects.filter(result=ScanResult.ADMITTED).count() == 1
    assert CheckIn.objects.filter(reason="already_inside").count() == SCANS - 1
    assert Pass.objects.get(pk=visitor.pk).inside_day_id == world.days[0].pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_offline_batch_uploaded_by_many_retries_at_once_is_applied_once():
    forget_memos()
    world = make_world()
    passes = [world.register(email=f"v{n}@example.id").passes[0] for n in range(10)]
    batch = [
        Scan(
            nonce=f"batch-{n:04d}",
            text=pass_token(p),
            scanned_at=OPENING_MORNING + timedelta(seconds=n),
            device_result="admitted",
        )
        for n, p in enumerate(passes)
    ]
    start = threading.Barrier(8)

    @_in_thread
    def upload(_n):
        start.wait(timeout=60)
        return checkin_upload(
            device=world.north_device, scans=batch, now=OPENING_MORNING + timedelta(hours=1)
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(upload, range(8)))
    assert CheckIn.objects.count() == 10
    assert all(o.admitted for answer in answers for o in answer)
    assert not CheckIn.objects.filter(conflict=True).exists()
