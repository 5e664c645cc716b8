"""Photos attached to an appeal: JPEG, PNG or WebP up to 5 MB, checked by their content.

The type is read from the file's first bytes, not from the name or the browser's word.
Every photo is then decoded and written anew from its pixels, first frame only: whatever
else the file carried (EXIF, XMP, comments, colour profiles, the later pictures of a
multi-picture JPEG with their own EXIF, a thumbnail, bytes after the end) is not in what
we store, because an anonymous appeal must not carry its sender in a photo. Cutting the
known metadata chunks out instead left the later frames of an MPO with their GPS position.
"""

import secrets
import warnings
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from . import conf

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
ALLOWED_NAMES = (".jpg", ".jpeg", ".png", ".webp")
# What Pillow may decode: the sniffed type only (its JPEG reader opens an MPO too).
PILLOW_FORMATS = {"image/jpeg": ["JPEG"], "image/png": ["PNG"], "image/webp": ["WEBP"]}
# A 5 MB file can claim a huge picture (a "decompression bomb"): 40 megapixels is any phone.
MAX_PIXELS = 40_000_000


def sniff(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def clean_photos(files, already: int = 0) -> list[tuple[ContentFile, str]]:
    """Check uploaded files; returns (file to store, content type) pairs, or raises."""
    files = [f for f in files if f]
    check_count(already, len(files))
    cleaned = []
    for upload in files:
        name = (getattr(upload, "name", "") or "").lower()
        if upload.size > conf.MAX_PHOTO_BYTES:
            raise ValidationError(
                {
                    "photos": [
                        _("%(name)s is larger than %(mb)d MB.")
                        % {"name": upload.name, "mb": conf.MAX_PHOTO_BYTES // (1024 * 1024)}
                    ]
                }
            )
        data = upload.read()
        kind = sniff(data[:16])
        if kind is None or not name.endswith(ALLOWED_NAMES):
            raise ValidationError(
                {
                    "photos": [
                        _("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": upload.name}
                    ]
                }
            )
        data = strip_metadata(data, kind)
        stored = ContentFile(data, name=f"{secrets.token_hex(12)}.{EXTENSIONS[kind]}")
        cleaned.append((stored, kind))
    return cleaned


def check_count(already: int, adding: int) -> None:
    if already + adding > conf.MAX_PHOTOS:
        raise ValidationError(
            {"photos": [_("At most %(n)d photos per appeal.") % {"n": conf.MAX_PHOTOS}]}
        )


def strip_metadata(data: bytes, kind: str) -> bytes:
    """The photo's first frame, decoded and encoded again in its own type, with nothing
    but pixels; raises ValidationError for a file that does not decode."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=PILLOW_FORMATS[kind]) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValueError("too many pixels")
                image.seek(0)
                # Turned the way the camera meant, since the orientation tag goes too.
                first = ImageOps.exif_transpose(image)
                return _encode(_pixels_only(first, kind), kind)
    except (
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise ValidationError({"photos": [_("This photo is damaged.")]}) from None


def _pixels_only(image: Image.Image, kind: str) -> Image.Image:
    """A new image made of ``image``'s pixels alone: no ``info`` (EXIF, ICC, text, DPI)
    follows it into the encoder."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if kind == "image/jpeg":
        mode = "L" if image.mode in ("L", "1") else "RGB"
    elif image.mode in ("RGB", "RGBA", "L", "LA"):
        mode = image.mode
    else:
        mode = "RGBA" if has_alpha else "RGB"
    if kind == "image/webp" and mode in ("L", "LA"):
        mode = "RGBA" if mode == "LA" else "RGB"
    converted = image if image.mode == mode else image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def _encode(image: Image.Image, kind: str) -> bytes:
    out = BytesIO()
    if kind == "image/jpeg":
        image.save(out, "JPEG", quality=90)
    elif kind == "image/png":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=90)
    return out.getvalue()
