import logging

from .masking import mask_text


class MaskPIIFilter(logging.Filter):
    """Rewrites every record so that no phone or ID number reaches a log in clear."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is logging's problem, not ours
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True
