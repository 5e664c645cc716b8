from django.urls import path
from django.views.generic import TemplateView

app_name = "membership"
# Placeholder routes, replaced by the membership pages.
urlpatterns: list = [
    path("", TemplateView.as_view(template_name="base.html"), name="home"),
    path("staff/", TemplateView.as_view(template_name="base.html"), name="staff_queue"),
    path(
        "staff/transfers/", TemplateView.as_view(template_name="base.html"), name="staff_transfers"
    ),
]
