"""URLs of calendar feeds: the feed pages and the secret feed addresses."""

from django.urls import path

from ketacover.web.feeds import views

app_name = "feeds"

urlpatterns = [
    path("workspaces/<id:pk>/", views.feed_list, name="list"),
    path("workspaces/<id:pk>/<id:feed_pk>/revoke/", views.feed_revoke, name="revoke"),
    path("<str:token>.ics", views.feed, name="feed"),
]
