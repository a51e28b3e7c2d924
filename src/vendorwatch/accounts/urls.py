from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from vendorwatch.accounts import views
from vendorwatch.accounts.middleware import allowed_read_only

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="accounts-login",
    ),
    path(
        "logout/",
        allowed_read_only(auth_views.LogoutView.as_view()),
        name="accounts-logout",
    ),
    path(
        "account/password/",
        allowed_read_only(
            auth_views.PasswordChangeView.as_view(
                template_name="accounts/password_change.html",
                success_url=reverse_lazy("accounts-password-change-done"),
            )
        ),
        name="accounts-password-change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="accounts-password-change-done",
    ),
    path(
        "password-reset/",
        views.password_reset,
        name="accounts-password-reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="accounts-password-reset-sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        allowed_read_only(views.PasswordResetConfirmView.as_view()),
        name="accounts-password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        name="accounts-password-reset-done",
    ),
    path("settings/users/", views.user_list, name="accounts-users"),
    path("settings/users/new/", views.user_add, name="accounts-users-add"),
    path("settings/users/<int:pk>/", views.user_edit, name="accounts-users-edit"),
    path(
        "settings/users/<int:pk>/deactivate/",
        views.user_set_active_view,
        {"active": False},
        name="accounts-users-deactivate",
    ),
    path(
        "settings/users/<int:pk>/activate/",
        views.user_set_active_view,
        {"active": True},
        name="accounts-users-activate",
    ),
]
