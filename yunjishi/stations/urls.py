from django.urls import path

from . import staff_views as staff
from . import views

app_name = "stations"
urlpatterns = [
    # Workers
    path("", views.home, name="home"),
    path("map/", views.map_view, name="map"),
    path("export.geojson", views.export_geojson, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/phone/", views.reveal_phone, name="phone"),
    path("c/<text:code>/", views.check_in, name="checkin"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("activities/<int:pk>/sign-up/", views.activity_sign_up, name="activity_sign_up"),
    path("activities/<int:pk>/cancel/", views.activity_cancel, name="activity_cancel"),
    path("activities/<int:pk>/attend/", views.activity_attend, name="activity_attend"),
    # Staff and station managers
    path("staff/", staff.station_list, name="staff_list"),
    path("staff/import/", staff.import_stations, name="staff_import"),
    path("staff/import/<int:pk>/", staff.import_job, name="staff_import_job"),
    path("staff/import/template.xlsx", staff.import_template, name="staff_import_template"),
    path("staff/export.xlsx", staff.export_stations, {"kind": "xlsx"}, name="staff_export_xlsx"),
    path("staff/export.csv", staff.export_stations, {"kind": "csv"}, name="staff_export_csv"),
    path("staff/ranking/", staff.ranking, name="staff_ranking"),
    path("staff/sheets/", staff.sheets, name="staff_sheets"),
    path("staff/checkins/", staff.checkin_counts, name="staff_checkins"),
    path("staff/<int:pk>/", staff.station_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", staff.station_edit, name="staff_edit"),
    path("staff/<int:pk>/status/", staff.station_status, name="staff_status"),
    path("staff/<int:pk>/check/", staff.station_check, name="staff_check"),
    path("staff/<int:pk>/exception/", staff.station_exception, name="staff_exception"),
    path("staff/<int:pk>/screen/", staff.station_screen, name="staff_screen"),
    path("staff/<int:pk>/print-codes/", staff.station_print, name="staff_print_codes"),
    path("staff/<int:pk>/evaluate/", staff.evaluate, name="staff_evaluate"),
    path("staff/<int:pk>/activities/new/", staff.activity_create, name="staff_activity_new"),
    path("staff/activities/<int:pk>/qr.svg", staff.activity_qr, name="staff_activity_qr"),
    path("staff/activities/<int:pk>/cancel/", staff.activity_cancel, name="staff_activity_cancel"),
]
