"""URLs of the intake wizard."""

from django.urls import path

from ketacover.web.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.intake_start, name="start"),
    path("icd", views.icd_search, name="icd"),
    path("drugs", views.drug_search, name="drugs"),
    path("<id:pk>/", views.intake_resume, name="resume"),
    path("<id:pk>/<slug:step>/", views.intake_step, name="step"),
]
