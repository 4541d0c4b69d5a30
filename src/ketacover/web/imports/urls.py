"""URLs of the import pages: a FHIR bundle or a 271 eligibility response into a case, 835
remittances for a workspace."""

from django.urls import path

from ketacover.web.imports import eligibility_views, views

app_name = "imports"

urlpatterns = [
    path("cases/<id:pk>/fhir/", views.bundle_upload, name="bundle"),
    path("cases/<id:pk>/fhir/merge/", views.bundle_merge, name="bundle_merge"),
    path("cases/<id:pk>/fhir/cancel/", views.bundle_cancel, name="bundle_cancel"),
    path("cases/<id:pk>/271/", eligibility_views.eligibility_upload, name="eligibility"),
    path(
        "cases/<id:pk>/271/merge/",
        eligibility_views.eligibility_merge,
        name="eligibility_merge",
    ),
    path(
        "cases/<id:pk>/271/cancel/",
        eligibility_views.eligibility_cancel,
        name="eligibility_cancel",
    ),
    path("remittances/", views.remittance_upload, name="remittances"),
    path("remittances/apply/", views.remittance_apply, name="remittance_apply"),
    path("remittances/cancel/", views.remittance_cancel, name="remittance_cancel"),
    path("remittances/<id:pk>/", views.remittance_file, name="remittance_file"),
]
