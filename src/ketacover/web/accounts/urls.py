"""URLs of the account pages: sign up (and its e-mailed link), changing the password, the
second login step, two-factor login, password reset, workspaces, members and invitations.

Log in and log out keep their un-namespaced names (``login``, ``logout``) in the root URLs.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from ketacover.web.accounts import passwords, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/<str:token>/", views.signup_confirm, name="signup_confirm"),
    path("password/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path("login/code/", two_factor_views.login_code, name="login_code"),
    path("two-factor/", two_factor_views.two_factor, name="two_factor"),
    path("two-factor/enable/", two_factor_views.two_factor_enable, name="two_factor_enable"),
    path("two-factor/disable/", two_factor_views.two_factor_disable, name="two_factor_disable"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("workspaces/", views.workspaces, name="workspaces"),
    path("workspaces/<id:pk>/members/", views.members, name="members"),
    path("workspaces/<id:pk>/members/<id:member_pk>/role/", views.member_role, name="member_role"),
    path(
        "workspaces/<id:pk>/members/<id:member_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "workspaces/<id:pk>/two-factor/",
        two_factor_views.two_factor_requirement,
        name="two_factor_requirement",
    ),
    path(
        "workspaces/<id:pk>/invitations/<id:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
