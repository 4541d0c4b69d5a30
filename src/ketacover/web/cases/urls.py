"""URLs of the case pages."""

from django.urls import path

from ketacover.web.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("import/", views.case_import, name="import"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/assignee/", views.case_assign, name="assign"),
    path("<int:pk>/documents/", views.document_create, name="document_create"),
    path(
        "<int:pk>/documents/<int:document_pk>/", views.document_download, name="document_download"
    ),
]
