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
        # A traceback can carry the data too (a database error naming the duplicate phone):
        # format it here, masked, so the formatter uses this text instead.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
