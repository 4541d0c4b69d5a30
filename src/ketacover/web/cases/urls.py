"""URLs of the case pages."""

from django.urls import path

from ketacover.web.cases import good_faith, queue_views, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("import/", views.case_import, name="import"),
    path("queue/", queue_views.queue_act, name="queue_act"),
    path("queue/undo/", queue_views.queue_undo, name="queue_undo"),
    path("queue/set-aside/", queue_views.queue_marked, name="queue_marked"),
    path("<id:pk>/", views.case_detail, name="detail"),
    path("<id:pk>/section/<slug:name>/", views.case_section, name="section"),
    path("<id:pk>/assignee/", views.case_assign, name="assign"),
    path("<id:pk>/documents/", views.document_create, name="document_create"),
    path("<id:pk>/documents/<id:document_pk>/", views.document_download, name="document_download"),
    path("<id:pk>/good-faith-estimate/", good_faith.good_faith_create, name="good_faith_create"),
    path("<id:pk>/abn/", views.abn_create, name="abn_create"),
]
