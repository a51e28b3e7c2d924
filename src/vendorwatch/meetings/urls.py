from vendorwatch.meetings import urls_meetings, urls_minutes

urlpatterns = [*urls_meetings.urlpatterns, *urls_minutes.urlpatterns]
