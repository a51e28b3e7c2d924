from django.urls import URLPattern, path

from vendorwatch.meetings.views import actions, minutes

# Minutes, decisions, action items and open questions.
urlpatterns: list[URLPattern] = [
    path("meetings/<int:pk>/minutes/", minutes.minutes, name="meetings-minutes"),
    path(
        "meetings/<int:pk>/minutes/review/",
        minutes.minutes_review,
        name="meetings-minutes-review",
    ),
    path(
        "meetings/<int:pk>/minutes/items/<int:item>/notes/",
        minutes.minutes_notes,
        name="meetings-minutes-notes",
    ),
    path(
        "meetings/<int:pk>/minutes/decisions/new/",
        minutes.decision_add,
        name="meetings-minutes-decision-add",
    ),
    path(
        "meetings/<int:pk>/minutes/decisions/<int:decision>/delete/",
        minutes.decision_delete,
        name="meetings-minutes-decision-delete",
    ),
    path(
        "meetings/<int:pk>/minutes/actions/new/",
        minutes.minutes_action_add,
        name="meetings-minutes-action-add",
    ),
    path(
        "meetings/<int:pk>/minutes/approve/",
        minutes.minutes_approve,
        name="meetings-minutes-approve",
    ),
    path(
        "meetings/<int:pk>/minutes/correct/",
        minutes.minutes_correct,
        name="meetings-minutes-correct",
    ),
    path("meetings/<int:pk>/minutes/send/", minutes.minutes_send, name="meetings-minutes-send"),
    path("meetings/<int:pk>/minutes.pdf", minutes.minutes_download, name="meetings-minutes-pdf"),
    path("actions/", actions.action_list, name="actions-list"),
    path("actions/new/", actions.action_add, name="actions-add"),
    path("actions/<int:pk>/", actions.action_detail, name="actions-detail"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="actions-edit"),
    path("actions/<int:pk>/close/", actions.action_close_view, name="actions-close"),
    path("actions/<int:pk>/reopen/", actions.action_reopen_view, name="actions-reopen"),
]
