from django.urls import include, path

from . import provider_views as provider
from . import worker_views as worker

app_name = "market"
urlpatterns = [
    # The worker's pages
    path("", worker.home, name="home"),
    path("follow/", worker.follow, name="follow"),
    path("listings/<int:pk>/", worker.listing_detail, name="listing"),
    path("listings/<int:pk>/order/", worker.place, name="place"),
    path("orders/", worker.my_orders, name="orders"),
    path("orders/<int:pk>/", worker.order_detail, name="order"),
    path("orders/<int:pk>/cancel/", worker.cancel, name="cancel"),
    path("orders/<int:pk>/confirm/", worker.confirm, name="confirm"),
    path("orders/<int:pk>/review/", worker.review, name="review"),
    path("orders/<int:pk>/reorder/", worker.reorder, name="reorder"),
    # The provider's pages
    path("provider/", provider.home, name="provider_home"),
    path("provider/listings/new/", provider.listing_create, name="provider_listing_create"),
    path("provider/listings/<int:pk>/", provider.listing_detail, name="provider_listing"),
    path("provider/listings/<int:pk>/submit/", provider.listing_submit, name="provider_submit"),
    path("provider/listings/<int:pk>/delist/", provider.listing_delist, name="provider_delist"),
    path("provider/orders/", provider.order_list, name="provider_orders"),
    path("provider/orders/<int:pk>/", provider.order_detail, name="provider_order"),
    path(
        "provider/orders/<int:pk>/allocate/",
        provider.order_allocate,
        name="provider_allocate",
    ),
    path("provider/orders/<int:pk>/deliver/", provider.order_deliver, name="provider_deliver"),
    path("provider/orders/<int:pk>/no-show/", provider.order_no_show, name="provider_no_show"),
    path("provider/orders/<int:pk>/cancel/", provider.order_cancel, name="provider_cancel"),
    path("provider/reviews/", provider.reviews, name="provider_reviews"),
    # Union staff and the demand side, built alongside
    path("staff/", include("yunjishi.market.staff_urls")),
    path("demand/", include("yunjishi.market.demand_urls")),
]
