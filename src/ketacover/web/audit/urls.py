"""URLs of the audit log."""

from django.urls import path

from ketacover.web.audit import views

app_name = "audit"

urlpatterns = [
    path("<id:pk>/", views.audit_log, name="log"),
    path("<id:pk>/export.csv", views.audit_export, name="export"),
]
