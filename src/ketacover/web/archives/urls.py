"""URLs of workspace archives."""

from django.urls import path

from ketacover.web.archives import views

app_name = "archives"

urlpatterns = [
    path("<id:pk>/workspace.zip", views.workspace_export, name="export"),
]
