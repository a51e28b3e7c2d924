from django.urls import URLPattern, path

from vendorwatch.alternatives.views import scorecard

urlpatterns: list[URLPattern] = [
    path("alternatives/scorecard/<int:pk>/", scorecard.scorecard, name="alternatives-scorecard"),
    path(
        "alternatives/scorecard/<int:pk>/chart.svg",
        scorecard.chart,
        name="alternatives-scorecard-chart",
    ),
]
