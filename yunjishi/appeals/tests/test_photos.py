"""Photos: JPEG, PNG or WebP by content, at most three of 5 MB, metadata stripped
(EXIF and the like: JPEG segments, PNG text chunks, WebP EXIF and XMP chunks)."""

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


def webp_with_exif() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return kind + struct.pack("<I", len(data)) + data + b"\x00" * (len(data) % 2)

    flags = 0x08 | 0x04 | 0x10  # EXIF, XMP and alpha
    vp8x = bytes([flags, 0, 0, 0]) + (9).to_bytes(3, "little") + (9).to_bytes(3, "little")
    body = (
        chunk(b"VP8X", vp8x)
        + chunk(b"ALPH", b"\x00\x11\x22")
        + chunk(b"VP8 ", b"\x30\x01\x00\x9d\x01\x2a\x0a\x00\x0a\x00")
        + chunk(b"EXIF", b"MM\x00\x2aGPS 23.1N 113.4E owner Wang")
        + chunk(b"XMP ", b"<x:xmpmeta>Wang</x:xmpmeta>")
    )
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def upload(name: str, data: bytes, kind: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, kind)


def test_exif_and_text_are_removed_and_the_image_kept():
    jpeg = strip_metadata(jpeg_with_exif(), "image/jpeg")
    assert b"GPS" not in jpeg and b"Wang" not in jpeg and b"JFIF" in jpeg
    assert jpeg.endswith(b"\x12\x34\xff\xd9")
    png = strip_metadata(png_with_text(), "image/png")
    assert b"Wang" not in png and b"IDAT" in png and png.endswith(b"IEND\x00\x00\x00\x00")


def test_a_webp_loses_its_exif_and_xmp_chunks_and_their_flags():
    original = webp_with_exif()
    webp = strip_metadata(original, "image/webp")
    assert b"GPS" not in webp and b"Wang" not in webp and b"EXIF" not in webp
    assert webp[:4] == b"RIFF" and webp[8:12] == b"WEBP"
    assert struct.unpack("<I", webp[4:8])[0] == len(webp) - 8
    assert webp[12:16] == b"VP8X" and webp[20] == 0x10  # only the alpha flag is left
    assert original[original.index(b"ALPH") : original.index(b"EXIF")] in webp
    # what is stored is the stripped file
    [(stored, kind)] = clean_photos([upload("a.webp", original, "image/webp")])
    assert kind == "image/webp" and stored.read() == webp


def test_a_webp_whose_chunks_run_past_its_end_is_refused():
    damaged = webp_with_exif()[:-10]
    with pytest.raises(ValidationError):
        clean_photos([upload("a.webp", damaged, "image/webp")])


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
