"""URLs of the workspaces' clinic profiles."""

from django.urls import path

from ketacover.web.clinics import views

app_name = "clinics"

urlpatterns = [
    path("workspaces/<id:pk>/", views.clinic_profile, name="profile"),
]
