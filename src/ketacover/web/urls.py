"""The web app's URL configuration."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from ketacover.web.cases import views as case_views

urlpatterns = [
    path("", case_views.dashboard, name="dashboard"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("cases/", include("ketacover.web.cases.urls")),
]
