"""The web app's URL configuration."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from ketacover.web import converters
from ketacover.web.accounts import views as account_views
from ketacover.web.cases import views as case_views

# Before any app's URL module is included: their patterns name ids as <id:...>.
converters.register()

urlpatterns = [
    path("", case_views.dashboard, name="dashboard"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("ketacover.web.accounts.urls")),
    path("audit/", include("ketacover.web.audit.urls")),
    path("feeds/", include("ketacover.web.feeds.urls")),
    path("clinic/", include("ketacover.web.clinics.urls")),
    path("cases/", include("ketacover.web.cases.urls")),
    path("intake/", include("ketacover.web.intake.urls")),
    path("cases/", include("ketacover.web.events.urls")),
    path("cases/", include("ketacover.web.uploads.urls")),
    path("api/", include("ketacover.web.api.urls")),
    path("imports/", include("ketacover.web.imports.urls")),
    path("archives/", include("ketacover.web.archives.urls")),
    path("navigator/", include("ketacover.web.navigator.urls")),
    path("me/", include("ketacover.web.patients.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "ketacover.web.errors.bad_request"
handler403 = "ketacover.web.errors.permission_denied"
handler404 = "ketacover.web.errors.page_not_found"
handler500 = "ketacover.web.errors.server_error"
