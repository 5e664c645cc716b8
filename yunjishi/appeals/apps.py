from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "yunjishi.appeals"
    label = "appeals"
    verbose_name = _("Appeals")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the settings check)
