from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "yunjishi.core"
    label = "core"

    def ready(self) -> None:
        from .fields import TextPathConverter

        # ``<text:code>``: a code or token in a page's address, never a control character
        # (a NUL reached PostgreSQL, which refuses it: a server error, now a 404).
        register_converter(TextPathConverter, "text")
