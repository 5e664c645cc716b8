"""Survey pages under /surveys/: answering by an enterprise's token, then the staff's under
staff/. The old addresses under /market/demand/ redirect here (``market.demand_urls``)."""

from django.urls import path

from . import staff_views as staff
from . import views

app_name = "surveys"
urlpatterns = [
    # Anyone with the link or QR code (一企一码)
    path("s/<text:token>/", views.answer, name="answer"),
    path("s/<text:token>/done/", views.answered, name="answered"),
    # Staff
    path("staff/", staff.surveys, name="staff_surveys"),
    path("staff/<int:pk>/", staff.survey, name="staff_survey"),
    path(
        "staff/<int:pk>/questions/<int:question_pk>/remove/",
        staff.remove_question,
        name="staff_remove_question",
    ),
    path("staff/<int:pk>/open/", staff.set_open, name="staff_set_open"),
    path("staff/<int:pk>/links/", staff.links, name="staff_links"),
    path("staff/qr/<text:token>.svg", staff.qr, name="staff_qr"),
    path("staff/classification/", staff.classification, name="staff_classification"),
]
