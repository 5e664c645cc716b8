"""gunicorn's settings for Yunjishi (read from the repository's root, where scripts/run.sh
starts it; elsewhere pass ``--config /path/to/gunicorn.conf.py``).

The access log masks phone and ID numbers in paths and query strings (PIPL, 等保).
"""

logger_class = "yunjishi.core.gunicorn_logging.MaskingLogger"
