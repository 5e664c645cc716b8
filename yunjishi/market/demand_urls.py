"""The market's demand pages, under /market/demand/ in the "market" namespace.

The surveys moved to their own app (/surveys/); their old addresses here, printed on QR
codes and kept in bookmarks, redirect there under their old names.
"""

from django.urls import path

from . import demand_views
from .demand_views import moved_to

urlpatterns = [
    path("matching/", demand_views.matching, name="demand_matching"),
    path(
        "classification.xlsx", demand_views.classification_xlsx, name="demand_classification_xlsx"
    ),
    # Moved to surveys
    path("surveys/", moved_to("surveys:staff_surveys"), name="demand_surveys"),
    path("surveys/<int:pk>/", moved_to("surveys:staff_survey"), name="demand_survey"),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/remove/",
        moved_to("surveys:staff_remove_question"),
        name="demand_remove_question",
    ),
    path("surveys/<int:pk>/open/", moved_to("surveys:staff_set_open"), name="demand_set_open"),
    path("surveys/<int:pk>/links/", moved_to("surveys:staff_links"), name="demand_links"),
    path("qr/<text:token>.svg", moved_to("surveys:staff_qr"), name="demand_qr"),
    path(
        "classification/",
        moved_to("surveys:staff_classification"),
        name="demand_classification",
    ),
    path("s/<text:token>/", moved_to("surveys:answer"), name="demand_answer"),
    path("s/<text:token>/done/", moved_to("surveys:answered"), name="demand_answered"),
]
