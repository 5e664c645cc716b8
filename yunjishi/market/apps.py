from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "yunjishi.market"
    label = "market"
    verbose_name = _("Service market")

    def ready(self):
        from yunjishi.surveys import services as surveys

        # The market's pages on the demand classification list, linked from the surveys'.
        surveys.offer_report("market:demand_matching", _("Matching"))
        surveys.offer_report("market:demand_classification_xlsx", _("Export to Excel"))
