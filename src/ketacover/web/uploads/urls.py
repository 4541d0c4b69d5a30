"""URLs of a case's uploaded files, under the case's own URL."""

from django.urls import path

from ketacover.web.uploads import views

app_name = "uploads"

urlpatterns = [
    path("<id:pk>/uploads/", views.upload_create, name="create"),
    path("<id:pk>/uploads/<id:upload_pk>/", views.upload_download, name="download"),
    path("<id:pk>/packet/", views.packet_create, name="packet"),
]
