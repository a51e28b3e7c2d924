from django.urls import path

from vendorwatch.sla import policy_views, views

CALENDARS = "expectations/service-hours/"
POLICIES = "expectations/sla/"

urlpatterns = [
    path(CALENDARS, views.calendar_list, name="sla-calendar-list"),
    path(f"{CALENDARS}new/", views.calendar_add, name="sla-calendar-add"),
    path(f"{CALENDARS}<int:pk>/", views.calendar_detail, name="sla-calendar-detail"),
    path(f"{CALENDARS}<int:pk>/edit/", views.calendar_edit, name="sla-calendar-edit"),
    path(f"{CALENDARS}<int:pk>/delete/", views.calendar_delete, name="sla-calendar-delete"),
    path(f"{CALENDARS}<int:pk>/days/new/", views.calendar_day_add, name="sla-calendar-day-add"),
    path(
        f"{CALENDARS}days/<int:pk>/delete/",
        views.calendar_day_delete,
        name="sla-calendar-day-delete",
    ),
    path(POLICIES, policy_views.policy_list, name="sla-policy-list"),
    path(f"{POLICIES}new/", policy_views.policy_add, name="sla-policy-add"),
    path(f"{POLICIES}<int:pk>/", policy_views.policy_detail, name="sla-policy-detail"),
    path(
        f"{POLICIES}<int:pk>/versions/new/",
        policy_views.policy_new_version,
        name="sla-policy-new-version",
    ),
    path(f"{POLICIES}<int:pk>/delete/", policy_views.policy_delete, name="sla-policy-delete"),
]
