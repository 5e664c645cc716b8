from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "yunjishi.booking"
    label = "booking"
    verbose_name = _("Places and bookings")
