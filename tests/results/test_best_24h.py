"""The best 24 hours: a sliding window over UTC hourly buckets, the same in every time zone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from results.rollup import update_rollups
from results.selectors import best_window, campaign_results

from .factories import campaign_with_case, record

WARSAW, TOKYO, ASUNCION = ZoneInfo("Europe/Warsaw"), ZoneInfo("Asia/Tokyo"), ZoneInfo("America/Asuncion")


def hours(*pairs):
    return [(dt.datetime(2012, 12, d, h, tzinfo=dt.UTC), n) for d, h, n in pairs]


def test_best_window_slides_over_hours_and_excludes_the_25th_hour():
    series = hours((10, 0, 5), (10, 23, 7), (11, 0, 100), (11, 23, 1), (12, 0, 50))
    # [11 00:00, 12 00:00) holds 100 + 1; [10 23:00, 11 23:00) holds 7 + 100; the 12 00:00 bucket is out.
    assert best_window(series) == (107, dt.datetime(2012, 12, 10, 23, tzinfo=dt.UTC))


def test_best_window_of_a_single_hour_and_of_nothing():
    assert best_window(hours((10, 5, 3))) == (3, dt.datetime(2012, 12, 10, 5, tzinfo=dt.UTC))
    assert best_window([])[0] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("server_zone", ["UTC", "Europe/Warsaw", "Asia/Tokyo", "America/Asuncion"])
def test_best_24_hours_per_country_is_the_same_whatever_the_zones(settings, server_zone):
    settings.TIME_ZONE = server_zone
    campaign, case = campaign_with_case()
    # Poland: an evening in Warsaw that crosses local midnight (and UTC midnight an hour earlier).
    record(campaign, case=case, country="PL", count=300, at=dt.datetime(2012, 12, 9, 22, 30, tzinfo=WARSAW))
    record(campaign, case=case, country="PL", count=200, at=dt.datetime(2012, 12, 10, 21, 15, tzinfo=WARSAW))
    record(campaign, case=case, country="PL", count=999, at=dt.datetime(2012, 12, 10, 22, 31, tzinfo=WARSAW))
    # Japan: the same instant seen from Tokyo; Paraguay: a bike rally on a summer afternoon.
    record(campaign, case=case, country="JP", count=40, at=dt.datetime(2012, 12, 10, 6, 30, tzinfo=TOKYO))
    record(campaign, case=case, country="JP", count=60, at=dt.datetime(2012, 12, 11, 5, 59, tzinfo=TOKYO))
    record(campaign, case=case, country="PY", count=7, at=dt.datetime(2012, 12, 15, 16, 0, tzinfo=ASUNCION))
    update_rollups()

    best = {b.country: (b.actions, b.starts_at) for b in campaign_results(campaign).best_24h}

    # 22:30 Warsaw on the 9th is 21:00 UTC; the 999 at 22:31 on the 10th falls 24 h 1 min later: outside.
    assert best["PL"] == (999 + 200, dt.datetime(2012, 12, 10, 20, tzinfo=dt.UTC))
    assert best["JP"] == (100, dt.datetime(2012, 12, 9, 21, tzinfo=dt.UTC))
    assert best["PY"] == (7, dt.datetime(2012, 12, 15, 19, tzinfo=dt.UTC))
    assert [b.country for b in campaign_results(campaign).best_24h] == ["PL", "JP", "PY"]


@pytest.mark.django_db
def test_a_window_across_a_daylight_saving_change_is_24_real_hours(settings):
    settings.TIME_ZONE = "Europe/Warsaw"
    campaign, case = campaign_with_case(starts_on=dt.date(2013, 3, 1), ends_on=dt.date(2013, 4, 30))
    # Warsaw springs forward at 02:00 on 31 March 2013: that local day has only 23 hours.
    record(campaign, case=case, country="PL", count=10, at=dt.datetime(2013, 3, 31, 0, 30, tzinfo=WARSAW))
    record(campaign, case=case, country="PL", count=20, at=dt.datetime(2013, 3, 31, 23, 45, tzinfo=WARSAW))
    record(campaign, case=case, country="PL", count=5, at=dt.datetime(2013, 4, 1, 0, 15, tzinfo=WARSAW))
    update_rollups()

    results = campaign_results(campaign)
    (poland,) = results.best_24h
    # 23:00 UTC on the 30th (00:00 local) plus 24 real hours reaches 01:00 local on 1 April: all 35 are in,
    # while the local calendar day of 31 March holds only 30.
    assert (poland.actions, poland.starts_at) == (35, dt.datetime(2013, 3, 30, 23, tzinfo=dt.UTC))
    assert results.by_day == [(dt.date(2013, 3, 31), 30), (dt.date(2013, 4, 1), 5)]


@pytest.mark.django_db
def test_days_follow_the_server_time_zone(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    campaign, case = campaign_with_case()
    record(campaign, case=case, count=3, at=dt.datetime(2012, 12, 10, 14, 0, tzinfo=dt.UTC))  # 23:00 Tokyo
    record(campaign, case=case, count=4, at=dt.datetime(2012, 12, 10, 15, 0, tzinfo=dt.UTC))  # 00:00 next day
    update_rollups()
    assert campaign_results(campaign).by_day == [(dt.date(2012, 12, 10), 3), (dt.date(2012, 12, 11), 4)]
