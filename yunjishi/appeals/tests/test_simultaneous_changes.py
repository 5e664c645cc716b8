"""Two requests at once, in threads with their own database connections, on SQLite and
on PostgreSQL: uploads never pass the photo limit together, and two staff merging two
appeals into each other leave one merged into the other, not a cycle."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from yunjishi.appeals import services
from yunjishi.appeals.models import Appeal, Photo, Status
from yunjishi.appeals.services import submitting
from yunjishi.core.errors import ServiceError

from .test_photos import jpeg_with_exif


def at_once(*jobs):
    """Run the callables in threads released together; returns what each returned or
    raised, in order."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except (ServiceError, ValidationError) as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def photos(n):
    return [SimpleUploadedFile(f"{i}.jpg", jpeg_with_exif(), "image/jpeg") for i in range(n)]


@pytest.fixture
def two_uploads(make_appeal, worker, settings, tmp_path, monkeypatch):
    """Two uploads of two photos each, at once, with time between counting and storing."""
    settings.MEDIA_ROOT = tmp_path
    check_count = submitting.check_count

    def slow_check_count(already, adding):
        time.sleep(0.2)  # widen the window between the count and the write
        check_count(already, adding)

    monkeypatch.setattr(submitting, "check_count", slow_check_count)
    appeal = make_appeal()

    def run():
        return at_once(
            lambda: services.add_photos(worker, Appeal.objects.get(pk=appeal.pk), photos(2)),
            lambda: services.add_photos(worker, Appeal.objects.get(pk=appeal.pk), photos(2)),
        )

    return appeal, run


@pytest.mark.django_db(transaction=True)
def test_two_uploads_at_once_never_pass_three_photos(two_uploads):
    appeal, run = two_uploads
    outcomes = run()
    assert sorted(type(o).__name__ for o in outcomes) == ["ValidationError", "list"]
    assert Photo.objects.filter(appeal=appeal).count() == 2


@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_both_uploads_pass(two_uploads, monkeypatch):
    """Control: counting without locking the appeal lets both through, which shows the
    test above can fail. SQLite's IMMEDIATE transactions serialise every writer, so the
    race only shows on PostgreSQL."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: no race to show")
    monkeypatch.setattr(submitting, "lock", lambda appeal: Appeal.objects.get(pk=appeal.pk))
    appeal, run = two_uploads
    run()
    assert Photo.objects.filter(appeal=appeal).count() == 4


@pytest.mark.django_db(transaction=True)
def test_two_appeals_merged_into_each_other_at_once_make_no_cycle(make_appeal, handler_a):
    a, b = make_appeal(), make_appeal()
    outcomes = at_once(
        lambda: services.merge(handler_a, Appeal.objects.get(pk=a.pk), Appeal.objects.get(pk=b.pk)),
        lambda: services.merge(handler_a, Appeal.objects.get(pk=b.pk), Appeal.objects.get(pk=a.pk)),
    )
    assert sorted(isinstance(o, Appeal) for o in outcomes) == [False, True]
    statuses = sorted(Appeal.objects.filter(pk__in=(a.pk, b.pk)).values_list("status", flat=True))
    assert statuses == sorted([Status.MERGED, Status.SUBMITTED])
