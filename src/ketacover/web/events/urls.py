"""URLs of the journey sections: one post target per form, under the case's own URL."""

from django.urls import path

from ketacover.web.events import claim_views, views

app_name = "events"

urlpatterns = [
    path("<id:pk>/calls/", views.call_create, name="call"),
    path("<id:pk>/plan-criteria/", views.plan_criterion_create, name="plan_criterion"),
    path("<id:pk>/prior-authorizations/", views.pa_create, name="pa"),
    path("<id:pk>/prior-authorizations/decision/", views.decision_create, name="decision"),
    path("<id:pk>/denials/", views.denial_create, name="denial"),
    path("<id:pk>/denials/letter/", views.denial_letter, name="letter"),
    path("<id:pk>/denials/peer-to-peer/", views.peer_to_peer_create, name="peer_to_peer"),
    path("<id:pk>/appeals/", views.appeal_create, name="appeal"),
    path("<id:pk>/appeals/decision/", views.appeal_decision_create, name="appeal_decision"),
    path("<id:pk>/sessions/", views.session_create, name="session"),
    path("<id:pk>/sessions/rems-form/", views.rems_create, name="rems"),
    path("<id:pk>/claims/", views.claim_create, name="claim"),
    path("<id:pk>/claims/update/", views.claim_update, name="claim_update"),
    path("<id:pk>/claims/abn/", views.abn_create, name="abn"),
    path("<id:pk>/claims/composed/", claim_views.claims_composed, name="claims_composed"),
    path("<id:pk>/claims/<id:number>/status/", claim_views.claim_status, name="claim_status"),
    path(
        "<id:pk>/claims/<id:number>/<slug:fmt>/",
        claim_views.claim_download,
        name="claim_download",
    ),
]
