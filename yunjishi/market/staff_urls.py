"""Staff pages of the market, under /market/staff/ in the "market" namespace."""

from django.urls import path

from . import staff_views

urlpatterns = [
    path("review/", staff_views.review, name="staff_review"),
    path("review/<int:pk>/approve/", staff_views.approve, name="staff_approve"),
    path("review/<int:pk>/reject/", staff_views.reject, name="staff_reject"),
    path("batches/", staff_views.batches, name="staff_batches"),
    path("stats/", staff_views.statistics, name="staff_stats"),
]
