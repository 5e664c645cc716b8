from django.urls import path

from . import views, views_public, views_staff

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
    path("staff/", views_staff.workbench, name="staff_home"),
    path("staff/bulk/", views_staff.bulk, name="staff_bulk"),
    path("staff/export/", views_staff.export_xlsx, name="staff_export"),
    path("staff/board/", views_staff.board, name="staff_board"),
    path("staff/stats/", views_staff.statistics, name="staff_stats"),
    path("staff/<int:pk>/", views_staff.detail, name="staff_detail"),
    path("staff/<int:pk>/<slug:name>/", views_staff.action, name="staff_action"),
    # Anyone
    path("public/", views_public.index, name="public"),
    path("public/<str:code>/", views_public.org_figures, name="public_org"),
]
