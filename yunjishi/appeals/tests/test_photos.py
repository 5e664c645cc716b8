"""Photos: JPEG, PNG or WebP by content, at most three of 5 MB, metadata stripped."""

import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from yunjishi.appeals.photos import clean_photos, strip_metadata


def jpeg_with_exif() -> bytes:
    exif = b"Exif\x00\x00GPS 23.1N 113.4E owner Wang"
    app1 = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    jfif = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    app0 = b"\xff\xe0" + struct.pack(">H", len(jfif) + 2) + jfif
    return b"\xff\xd8" + app0 + app1 + b"\xff\xda\x00\x02" + b"\x12\x34" + b"\xff\xd9"


def png_with_text() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + b"\x00\x00\x00\x00"

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", b"\x00" * 13)
        + chunk(b"tEXt", b"Author\x00Wang")
        + chunk(b"IDAT", b"\x00")
        + chunk(b"IEND", b"")
    )


def upload(name: str, data: bytes, kind: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, kind)


def test_exif_and_text_are_removed_and_the_image_kept():
    jpeg = strip_metadata(jpeg_with_exif(), "image/jpeg")
    assert b"GPS" not in jpeg and b"Wang" not in jpeg and b"JFIF" in jpeg
    assert jpeg.endswith(b"\x12\x34\xff\xd9")
    png = strip_metadata(png_with_text(), "image/png")
    assert b"Wang" not in png and b"IDAT" in png and png.endswith(b"IEND\x00\x00\x00\x00")


def test_the_type_is_read_from_the_content_not_the_name():
    with pytest.raises(ValidationError):
        clean_photos([upload("a.jpg", b"<html>not a photo</html>")])
    with pytest.raises(ValidationError):
        clean_photos([upload("a.exe", jpeg_with_exif())])
    [(stored, kind)] = clean_photos([upload("IMG_0001.JPG", jpeg_with_exif(), "text/plain")])
    assert kind == "image/jpeg" and stored.name.endswith(".jpg") and "IMG" not in stored.name


def test_at_most_three_photos_of_five_megabytes():
    with pytest.raises(ValidationError):
        clean_photos([upload(f"{n}.jpg", jpeg_with_exif()) for n in range(4)])
    big = jpeg_with_exif() + b"\x00" * (5 * 1024 * 1024)
    with pytest.raises(ValidationError):
        clean_photos([upload("big.jpg", big)])
    with pytest.raises(ValidationError):
        clean_photos([upload("a.jpg", jpeg_with_exif())], already=3)


def test_a_damaged_photo_is_refused():
    with pytest.raises(ValidationError):
        clean_photos([upload("a.jpg", b"\xff\xd8\xff\xe1\x00")])


def test_the_api_adds_photos_before_acceptance_only(
    make_appeal, worker, handler_a, client_for, settings, tmp_path
):
    from yunjishi.appeals import services

    settings.MEDIA_ROOT = tmp_path
    appeal = make_appeal()
    client = client_for(worker)
    response = client.post(
        f"/api/appeals/{appeal.pk}/photos", {"photos": [upload("a.jpg", jpeg_with_exif())]}
    )
    assert response.status_code == 201, response.content
    stored = appeal.photos.get()
    assert b"GPS" not in stored.file.read()
    services.accept(handler_a, appeal)
    refused = client.post(
        f"/api/appeals/{appeal.pk}/photos", {"photos": [upload("b.jpg", jpeg_with_exif())]}
    )
    assert refused.status_code == 409
