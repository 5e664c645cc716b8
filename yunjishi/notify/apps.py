from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "yunjishi.notify"
    label = "notify"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 (connects them)
