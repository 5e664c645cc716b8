from django.contrib import admin
from django.urls import include, path

from . import views
from .api import api
from .core.health_views import health

urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff_home, name="staff_home"),
    path("accounts/", include("yunjishi.people.urls")),
    path("inbox/", include("yunjishi.notify.urls")),
    path("membership/", include("yunjishi.membership.urls")),
    path("market/", include("yunjishi.market.urls")),
    path("stations/", include("yunjishi.stations.urls")),
    path("appeals/", include("yunjishi.appeals.urls")),
    path("proposals/", include("yunjishi.proposals.urls")),
    path("surveys/", include("yunjishi.surveys.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/health", health, name="health"),  # trivial baseline for benchmarks and probes
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
