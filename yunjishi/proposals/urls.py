"""云履职 pages under /proposals/: the representative's, then the staff's under staff/."""

from django.urls import path

from . import staff_views, views

app_name = "proposals"
urlpatterns = [
    path("", views.home, name="home"),
    path("mine/", views.my_proposals, name="mine"),
    path("new/", views.new_proposal, name="new"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("suggestions/", views.my_suggestions, name="suggestions"),
    path("suggestions/new/", views.new_suggestion, name="new_suggestion"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion"),
    path("visits/", views.my_visits, name="visits"),
    path("visits/new/", views.new_visit, name="new_visit"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("report/", views.duty_report, name="report"),
    path("report/print/", views.duty_report_print, name="report_print"),
    # Staff
    path("staff/", staff_views.review, name="staff_review"),
    path("staff/handling/", staff_views.handling, name="staff_handling"),
    path("staff/supervision/", staff_views.supervision, name="staff_supervision"),
    path("staff/all/", staff_views.all_proposals, name="staff_all"),
    path("staff/<int:pk>/", staff_views.detail, name="staff_detail"),
    path("staff/<int:pk>/review/", staff_views.start_review, name="staff_start_review"),
    path("staff/<int:pk>/accept/", staff_views.accept, name="staff_accept"),
    path("staff/<int:pk>/convert/", staff_views.convert, name="staff_convert"),
    path("staff/<int:pk>/decline/", staff_views.decline, name="staff_decline"),
    path("staff/<int:pk>/assign/", staff_views.assign, name="staff_assign"),
    path("staff/<int:pk>/answer/", staff_views.answer, name="staff_answer"),
    path("staff/<int:pk>/check/", staff_views.check, name="staff_check"),
    path("staff/suggestions/", staff_views.suggestions, name="staff_suggestions"),
    path("staff/suggestions/<int:pk>/", staff_views.suggestion_detail, name="staff_suggestion"),
    path(
        "staff/suggestions/<int:pk>/take-up/",
        staff_views.suggestion_take_up,
        name="staff_suggestion_take_up",
    ),
    path(
        "staff/suggestions/<int:pk>/resolve/",
        staff_views.suggestion_resolve,
        name="staff_suggestion_resolve",
    ),
    path("staff/figures/", staff_views.figures, name="staff_figures"),
    path(
        "staff/representatives/<int:user_id>/report/",
        staff_views.representative_report,
        name="staff_report",
    ),
]
