"""URLs of the audit log."""

from django.urls import path

from ketacover.web.audit import views

app_name = "audit"

urlpatterns = [
    path("<int:pk>/", views.audit_log, name="log"),
    path("<int:pk>/export.csv", views.audit_export, name="export"),
]
