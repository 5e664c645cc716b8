"""Photos: JPEG, PNG or WebP by content, at most three of 5 MB, stored as pictures made
anew from their pixels (first frame only): no EXIF, text chunk, XMP or later frame survives."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from yunjishi.appeals.photos import clean_photos, strip_metadata

GPS_IFD, ARTIST = 0x8825, 0x013B


def _exif(owner: str = "Wang") -> Image.Exif:
    exif = Image.Exif()
    exif[ARTIST] = owner
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (23.0, 1.0, 0.0), 3: "E", 4: (113.0, 4.0, 0.0)})
    return exif


def jpeg_with_exif(size=(16, 12)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=_exif(), comment=b"owner Wang")
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Wang")
    out = BytesIO()
    Image.new("RGBA", (9, 9), (0, 128, 0, 100)).save(out, "PNG", pnginfo=info, exif=_exif())
    return out.getvalue()


def webp_with_exif() -> bytes:
    out = BytesIO()
    Image.new("RGBA", (9, 9), (0, 0, 255, 80)).save(
        out, "WEBP", exif=_exif(), xmp=b"<x:xmpmeta>Wang</x:xmpmeta>"
    )
    return out.getvalue()


def upload(name: str, data: bytes, kind: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, kind)


def _opened(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    image.load()
    return image


def test_exif_and_text_are_removed_and_the_image_kept():
    original = jpeg_with_exif()
    assert b"Wang" in original
    jpeg = strip_metadata(original, "image/jpeg")
    assert b"Wang" not in jpeg and b"Exif" not in jpeg
    picture = _opened(jpeg)
    assert picture.format == "JPEG" and picture.size == (16, 12)
    assert not picture.getexif() and "comment" not in picture.info
    png = strip_metadata(png_with_text(), "image/png")
    assert b"Wang" not in png and b"tEXt" not in png and b"eXIf" not in png
    picture = _opened(png)
    assert picture.format == "PNG" and picture.mode == "RGBA" and picture.size == (9, 9)


def test_a_webp_loses_its_exif_and_xmp():
    original = webp_with_exif()
    assert b"Wang" in original
    webp = strip_metadata(original, "image/webp")
    assert b"Wang" not in webp and b"EXIF" not in webp and b"XMP " not in webp
    picture = _opened(webp)
    assert picture.format == "WEBP" and picture.size == (9, 9)
    # what is stored is the cleaned file
    [(stored, kind)] = clean_photos([upload("a.webp", original, "image/webp")])
    assert kind == "image/webp" and b"Wang" not in stored.read()


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
    with pytest.raises(ValidationError):
        clean_photos([upload("a.png", png_with_text()[:40], "image/png")])


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
    assert b"Wang" not in stored.file.read()
    services.accept(handler_a, appeal)
    refused = client.post(
        f"/api/appeals/{appeal.pk}/photos", {"photos": [upload("b.jpg", jpeg_with_exif())]}
    )
    assert refused.status_code == 409
