from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "yunjishi.people"
    label = "people"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from . import security  # noqa: F401 (connects the count of failed logins per address)
