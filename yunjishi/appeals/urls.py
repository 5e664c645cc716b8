from django.urls import path

from . import public_views, staff_views, views

app_name = "appeals"
urlpatterns = [
    # The worker's pages
    path("", views.home, name="home"),
    path("new/", views.new, name="new"),
    path("new/similar/", views.suggestions, name="similar"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/follow/", views.follow, name="follow"),
    path("<int:pk>/unfollow/", views.unfollow, name="unfollow"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
    # Staff
    path("staff/", staff_views.workbench, name="staff_home"),
    path("staff/bulk/", staff_views.bulk, name="staff_bulk"),
    path("staff/export/", staff_views.export_xlsx, name="staff_export"),
    path("staff/board/", staff_views.board, name="staff_board"),
    path("staff/stats/", staff_views.statistics, name="staff_stats"),
    path("staff/<int:pk>/", staff_views.detail, name="staff_detail"),
    path("staff/<int:pk>/<slug:name>/", staff_views.action, name="staff_action"),
    # Anyone
    path("public/", public_views.index, name="public"),
    path("public/<text:code>/", public_views.org_figures, name="public_org"),
]
