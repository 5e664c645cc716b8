"""Photos attached to an appeal: JPEG, PNG or WebP up to 5 MB, checked by their content.

The type is read from the file's first bytes, not from the name or the browser's word.
JPEG, PNG and WebP lose their metadata on the way in (EXIF and the like: GPS position, camera,
time, sometimes the owner's name), because an anonymous appeal must not carry its sender
in a photo.
"""

import secrets
import struct

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from . import conf

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
ALLOWED_NAMES = (".jpg", ".jpeg", ".png", ".webp")


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
    try:
        if kind == "image/jpeg":
            return _strip_jpeg(data)
        if kind == "image/png":
            return _strip_png(data)
        if kind == "image/webp":
            return _strip_webp(data)
    except (IndexError, struct.error, ValueError):
        raise ValidationError({"photos": [_("This photo is damaged.")]}) from None
    return data


# APP1 (EXIF, XMP), APP2–APP15 except the colour profile in APP2, and comments.
_JPEG_DROP = {0xE1, *range(0xE3, 0xF0), 0xFE}


def _strip_jpeg(data: bytes) -> bytes:
    out = bytearray(data[:2])
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            raise ValueError("not a marker")
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: the image data follows unchanged
            out += data[position:]
            return bytes(out)
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            out += data[position : position + 2]
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        segment = data[position : position + 2 + length]
        if marker not in _JPEG_DROP:
            out += segment
        position += 2 + length
    raise ValueError("no image data")


_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def _strip_png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    position = 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        chunk = data[position : position + 12 + length]
        if len(chunk) != 12 + length:
            raise ValueError("truncated")
        if kind not in _PNG_DROP:
            out += chunk
        position += 12 + length
        if kind == b"IEND":
            return bytes(out)
    raise ValueError("no IEND")


# The chunks that make the picture (still or animated, with alpha and colour profile);
# anything else, EXIF and XMP first of all, is left out.
_WEBP_KEEP = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def _strip_webp(data: bytes) -> bytes:
    """RIFF: ``RIFF`` size ``WEBP``, then chunks of fourcc, little-endian size, data and a
    pad byte to an even length. Keeps the picture's chunks, clears VP8X's metadata flags
    and writes the RIFF size again; bytes after the RIFF's own end are dropped."""
    (riff_size,) = struct.unpack("<I", data[4:8])
    end = 8 + riff_size
    if riff_size < 4 or end > len(data):
        raise ValueError("truncated")
    out = bytearray()
    position = 12
    while position < end:
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        chunk_end = position + 8 + length + (length & 1)
        if chunk_end > end:
            raise ValueError("truncated chunk")
        chunk = bytearray(data[position:chunk_end])
        if kind == b"VP8X":
            if length < 10:
                raise ValueError("short VP8X")
            chunk[8] &= ~(_VP8X_EXIF | _VP8X_XMP) & 0xFF
        if kind in _WEBP_KEEP:
            out += chunk
        position = chunk_end
    if not out:
        raise ValueError("no image data")
    return b"RIFF" + struct.pack("<I", 4 + len(out)) + b"WEBP" + bytes(out)
