"""The review-queue benchmark's own arithmetic and its messages when it cannot run."""

import pytest
from django.http import HttpResponse, HttpResponseRedirect

from bench.bench_review_queue import _check, _percentile, _queue_url, _shape
from bench.harness import BenchmarkError

urlpatterns = []  # a URLconf without the queue, for the test below


def test_one_query_per_row_has_one_shape_whatever_its_values():
    per_row = [
        f'SELECT "name" FROM "product" WHERE "business_id" = {pk} AND "kind" = \'{kind}\''
        for pk, kind in ((1, "pirt"), (22, "halal"), (333, "it''s"))
    ]
    assert len({_shape(sql) for sql in per_row}) == 1
    assert _shape('SELECT 1 WHERE "id" IN (1, 2, 3)') == _shape('SELECT 1 WHERE "id" IN (4)')
    assert _shape('SELECT "a" FROM "t"') != _shape('SELECT "b" FROM "t"')


def test_percentiles_interpolate_between_measurements():
    values = [float(v) for v in range(1, 21)]  # 1 … 20 ms
    assert _percentile(values, 50) == 10.5
    assert _percentile(values, 95) == pytest.approx(19.05)
    assert _percentile([7.0], 95) == 7.0


def test_the_benchmark_names_the_missing_queue(settings):
    settings.ROOT_URLCONF = __name__
    with pytest.raises(BenchmarkError, match=r"'applications:index'\) does not exist yet"):
        _queue_url()


def test_the_queue_the_benchmark_measures_exists():
    assert _queue_url().startswith("/admin/")


def test_an_organizer_turned_away_stops_the_benchmark_with_the_reason():
    with pytest.raises(BenchmarkError, match=r"HTTP 302 .*redirected to /admin/login/"):
        _check(HttpResponseRedirect("/admin/login/"), "/admin/exhibitors/applications/")
    _check(HttpResponse("ok"), "/admin/exhibitors/applications/")
