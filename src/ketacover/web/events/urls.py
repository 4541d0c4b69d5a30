"""URLs of the journey sections: one post target per form, under the case's own URL."""

from django.urls import path

from ketacover.web.events import views

app_name = "events"

urlpatterns = [
    path("<int:pk>/calls/", views.call_create, name="call"),
    path("<int:pk>/prior-authorizations/", views.pa_create, name="pa"),
    path("<int:pk>/prior-authorizations/decision/", views.decision_create, name="decision"),
    path("<int:pk>/denials/", views.denial_create, name="denial"),
    path("<int:pk>/denials/letter/", views.denial_letter, name="letter"),
    path("<int:pk>/denials/peer-to-peer/", views.peer_to_peer_create, name="peer_to_peer"),
    path("<int:pk>/appeals/", views.appeal_create, name="appeal"),
    path("<int:pk>/appeals/decision/", views.appeal_decision_create, name="appeal_decision"),
    path("<int:pk>/sessions/", views.session_create, name="session"),
    path("<int:pk>/sessions/rems-form/", views.rems_create, name="rems"),
    path("<int:pk>/claims/", views.claim_create, name="claim"),
    path("<int:pk>/claims/update/", views.claim_update, name="claim_update"),
]
