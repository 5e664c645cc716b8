"""Demand pages, under /market/demand/ in the "market" namespace."""

from django.urls import path

from . import demand_views

urlpatterns = [
    path("surveys/", demand_views.surveys, name="demand_surveys"),
    path("surveys/<int:pk>/", demand_views.survey, name="demand_survey"),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/remove/",
        demand_views.remove_question,
        name="demand_remove_question",
    ),
    path("surveys/<int:pk>/open/", demand_views.set_open, name="demand_set_open"),
    path("surveys/<int:pk>/links/", demand_views.links, name="demand_links"),
    path("qr/<str:token>.svg", demand_views.qr, name="demand_qr"),
    path("classification/", demand_views.classification, name="demand_classification"),
    path(
        "classification.xlsx", demand_views.classification_xlsx, name="demand_classification_xlsx"
    ),
    path("matching/", demand_views.matching, name="demand_matching"),
    path("s/<str:token>/", demand_views.answer, name="demand_answer"),
    path("s/<str:token>/done/", demand_views.answered, name="demand_answered"),
]
