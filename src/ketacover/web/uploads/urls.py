"""URLs of a case's uploaded files, under the case's own URL."""

from django.urls import path

from ketacover.web.uploads import views

app_name = "uploads"

urlpatterns = [
    path("<int:pk>/uploads/", views.upload_create, name="create"),
    path("<int:pk>/uploads/<int:upload_pk>/", views.upload_download, name="download"),
    path("<int:pk>/packet/", views.packet_create, name="packet"),
]
