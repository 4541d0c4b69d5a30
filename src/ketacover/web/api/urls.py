"""URLs under ``/api/``: the token page and the JSON API."""

from django.urls import path

from ketacover.web.api import views
from ketacover.web.api.api import api

urlpatterns = [
    path("tokens/", views.token_list, name="api_tokens"),
    path("tokens/<id:pk>/revoke/", views.token_revoke, name="api_token_revoke"),
    path("", api.urls),
]
