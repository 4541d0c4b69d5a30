"""URLs of the patient's own pages (bilingual: ``web/languages.py``)."""

from django.urls import path

from ketacover.web.patients import views

app_name = "patients"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/<id:pk>/", views.case_page, name="case"),
    path("cases/<id:pk>/letters/", views.upload, name="upload"),
    path("cases/<id:pk>/documents/", views.document, name="document"),
]
