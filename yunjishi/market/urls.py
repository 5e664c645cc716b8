from django.urls import include, path

app_name = "market"
urlpatterns = [
    path("staff/", include("yunjishi.market.staff_urls")),
    path("demand/", include("yunjishi.market.demand_urls")),
]
