from django.urls import URLPattern, path

from vendorwatch.meetings.views import meeting_agenda, meetings, series

# Series, occurrences, meetings and their agendas.
urlpatterns: list[URLPattern] = [
    path("meetings/", meetings.meetings_index, name="meetings-index"),
    path("meetings/series/new/", series.series_add, name="meetings-series-add"),
    path("meetings/series/<int:pk>/", series.series_detail, name="meetings-series-detail"),
    path("meetings/series/<int:pk>/edit/", series.series_edit, name="meetings-series-edit"),
    path("meetings/series/<int:pk>/delete/", series.series_delete, name="meetings-series-delete"),
    path("meetings/series/<int:pk>/invite/", series.series_invite, name="meetings-series-invite"),
    path("meetings/series/<int:pk>/end/", series.series_end, name="meetings-series-end"),
    path(
        "meetings/series/<int:pk>/<str:key>/",
        series.series_occurrence,
        name="meetings-occurrence",
    ),
    path("meetings/new/", meetings.meeting_add, name="meetings-add"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meetings-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meetings-edit"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meetings-cancel"),
    path("meetings/<int:pk>/invite/", meetings.meeting_invite, name="meetings-invite"),
    path(
        "meetings/<int:pk>/agenda/new/",
        meeting_agenda.meeting_agenda_add,
        name="meetings-agenda-add",
    ),
    path(
        "meetings/<int:pk>/agenda/refresh/",
        meeting_agenda.meeting_agenda_refresh,
        name="meetings-agenda-refresh",
    ),
    path(
        "meetings/<int:pk>/agenda/send/",
        meeting_agenda.meeting_agenda_send,
        name="meetings-agenda-send",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/edit/",
        meeting_agenda.meeting_agenda_edit,
        name="meetings-agenda-edit",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/remove/",
        meeting_agenda.meeting_agenda_remove,
        name="meetings-agenda-remove",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/move/",
        meeting_agenda.meeting_agenda_move,
        name="meetings-agenda-move",
    ),
]
