from django.urls import path

from . import views

app_name = "membership"

APPLICATION = {"kind": "application"}
TRANSFER = {"kind": "transfer"}

urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("transfer/", views.transfer, name="transfer"),
    path("transfers/<int:pk>/withdraw/", views.withdraw_transfer, name="withdraw_transfer"),
    path("leave/", views.leave, name="leave"),
    path("staff/", views.staff_queue, name="staff_queue"),
    path(
        "staff/<int:pk>/approve/",
        views.decide,
        {**APPLICATION, "decision": "approve"},
        name="approve",
    ),
    path(
        "staff/<int:pk>/decline/",
        views.decide,
        {**APPLICATION, "decision": "decline"},
        name="decline",
    ),
    path("staff/transfers/", views.staff_transfers, name="staff_transfers"),
    path(
        "staff/transfers/<int:pk>/approve/",
        views.decide,
        {**TRANSFER, "decision": "approve"},
        name="approve_transfer",
    ),
    path(
        "staff/transfers/<int:pk>/decline/",
        views.decide,
        {**TRANSFER, "decision": "decline"},
        name="decline_transfer",
    ),
]
