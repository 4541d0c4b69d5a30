"""URLs of the import pages: a FHIR bundle into a case, 835 remittances for a workspace."""

from django.urls import path

from ketacover.web.imports import views

app_name = "imports"

urlpatterns = [
    path("cases/<id:pk>/fhir/", views.bundle_upload, name="bundle"),
    path("cases/<id:pk>/fhir/merge/", views.bundle_merge, name="bundle_merge"),
    path("cases/<id:pk>/fhir/cancel/", views.bundle_cancel, name="bundle_cancel"),
    path("remittances/", views.remittance_upload, name="remittances"),
    path("remittances/apply/", views.remittance_apply, name="remittance_apply"),
    path("remittances/cancel/", views.remittance_cancel, name="remittance_cancel"),
]
