"""Reading and stripping uploads (up to three of 5 MB), cutting the text into search terms
(jieba), routing and computing deadlines all happen before the write transaction opens:
on SQLite every other writer waits while one is open. The writing itself is one
transaction, as before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from yunjishi.appeals import services, similar
from yunjishi.appeals.models import Appeal, Event, EventKind, Photo, Status
from yunjishi.appeals.services import handling, submitting

from .test_photos import jpeg_with_exif

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def watched(monkeypatch, settings, tmp_path):
    """Records, for each preparing step, whether it ran inside a transaction."""
    settings.MEDIA_ROOT = tmp_path
    seen: list[tuple[str, bool]] = []

    def watch(module, name):
        real = getattr(module, name)

        def spy(*args, **kwargs):
            seen.append((name, connection.in_atomic_block))
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)

    for module in (submitting, handling):
        watch(module, "clean_photos")
    watch(similar, "index_text")
    watch(submitting, "route")
    watch(submitting, "handling_due")
    watch(handling, "working_hours_between")
    return seen


def photo():
    return SimpleUploadedFile("a.jpg", jpeg_with_exif(), "image/jpeg")


def test_an_appeal_is_prepared_before_its_transaction(make_appeal, watched):
    appeal = make_appeal(photos=[photo()])
    assert {name for name, _inside in watched} == {
        "clean_photos",
        "index_text",
        "route",
        "handling_due",
    }
    assert [name for name, inside in watched if inside] == []
    assert Photo.objects.filter(appeal=appeal).count() == 1
    assert list(Event.objects.filter(appeal=appeal).values_list("kind", flat=True)) == [
        EventKind.SUBMITTED,
        EventKind.ROUTED,
    ]


def test_more_photos_are_prepared_before_their_transaction(make_appeal, worker, watched):
    appeal = make_appeal()
    watched.clear()
    services.add_photos(worker, appeal, [photo()])
    assert watched == [("clean_photos", False)]
    assert Photo.objects.filter(appeal=appeal).count() == 1


def test_the_workers_answer_is_prepared_before_its_transaction(
    make_appeal, worker, handler_a, watched
):
    appeal = services.request_info(
        handler_a, services.accept(handler_a, make_appeal()), "哪个食堂？"
    )
    watched.clear()
    answered = services.answer_info(worker, appeal, "二号食堂。", photos=[photo()])
    assert {name for name, _inside in watched} == {"clean_photos", "working_hours_between"}
    assert [name for name, inside in watched if inside] == []
    assert answered.status == Status.IN_PROGRESS
    assert Photo.objects.filter(appeal=appeal).count() == 1
    assert Appeal.objects.get(pk=appeal.pk).paused_at is None
