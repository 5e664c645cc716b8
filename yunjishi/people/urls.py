from django.contrib.auth import views as auth_views
from django.urls import path

from . import audit_views, otp_views, staff_views, views

app_name = "people"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("otp/", otp_views.verify, name="otp_verify"),
    path("otp/enrol/", otp_views.enrol, name="otp_enrol"),
    path("profile/", views.profile, name="profile"),
    path("password/", views.password_change, name="password_change"),
    path("staff/members/", staff_views.member_list, name="staff_members"),
    path("staff/members/<int:pk>/", staff_views.member_detail, name="staff_member"),
    path("staff/audit/", audit_views.audit_trail, name="audit_trail"),
]
