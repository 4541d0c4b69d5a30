"""The navigator's public pages (see docs/navigator.md)."""

from django.urls import path

from ketacover.web.navigator import views

app_name = "navigator"

urlpatterns = [
    path("", views.start, name="start"),
    path("answer/", views.answer, name="answer"),
    path("download/", views.download, name="download"),
    path("forget/", views.forget, name="forget"),
    path("language/", views.language, name="language"),
    path("save/", views.save, name="save"),
    path("<slug:slug>/", views.step, name="step"),
]
