"""A multi-picture JPEG (MPO, as phones write for depth or wide-angle shots) whose second
picture carries its own EXIF, with the artist and the GPS position: what is stored is one
picture, with no EXIF at all. Cutting metadata segments out of the file used to leave the
second picture and its EXIF untouched."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD, ARTIST, SOFTWARE = 0x8825, 0x013B, 0x0131


def mpo_whose_second_frame_names_the_sender() -> bytes:
    quiet = Image.Exif()
    quiet[SOFTWARE] = "Camera"  # the first picture's EXIF says nothing of the sender
    telling = Image.Exif()
    telling[ARTIST] = "Wang Zhigong"
    telling.get_ifd(GPS_IFD).update({1: "N", 2: (24.0, 28.0, 5.0), 3: "E", 4: (118.0, 5.0, 0.0)})
    second = Image.new("RGB", (32, 24), (10, 200, 10))
    second.encoderinfo = {"exif": telling}
    out = BytesIO()
    Image.new("RGB", (32, 24), (200, 10, 10)).save(
        out, "MPO", save_all=True, append_images=[second], exif=quiet
    )
    return out.getvalue()


def test_the_stored_photo_has_one_frame_and_no_exif(
    make_appeal, worker, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    original = mpo_whose_second_frame_names_the_sender()
    with Image.open(BytesIO(original)) as check:  # the sample is what it claims to be
        assert check.format == "MPO" and check.n_frames == 2
        check.seek(1)
        assert check.getexif()[ARTIST] == "Wang Zhigong"

    appeal = make_appeal()
    response = client_for(worker).post(
        f"/api/appeals/{appeal.pk}/photos",
        {"photos": [SimpleUploadedFile("IMG_1.jpg", original, "image/jpeg")]},
    )
    assert response.status_code == 201, response.content

    data = appeal.photos.get().file.read()
    assert b"Wang Zhigong" not in data and b"Exif" not in data
    with Image.open(BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert getattr(stored, "n_frames", 1) == 1
        assert not stored.getexif()
        assert stored.size == (32, 24)
        assert stored.convert("RGB").getpixel((16, 12))[0] > 150  # the first picture, red
