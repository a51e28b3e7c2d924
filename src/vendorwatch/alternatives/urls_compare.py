"""Step 5, the weighted comparison of offers (Nutzwertanalyse)."""

from django.urls import URLPattern, path

from vendorwatch.alternatives.views import compare

P = "alternatives/comparisons/"

urlpatterns: list[URLPattern] = [
    path(P, compare.comparison_list, name="alternatives-comparison-list"),
    path(f"{P}new/", compare.comparison_add, name="alternatives-comparison-add"),
    path(f"{P}<int:pk>/", compare.comparison_detail, name="alternatives-comparison-detail"),
    path(f"{P}<int:pk>/edit/", compare.comparison_edit, name="alternatives-comparison-edit"),
    path(f"{P}<int:pk>/delete/", compare.comparison_delete, name="alternatives-comparison-delete"),
    path(
        f"{P}<int:pk>/weights/", compare.comparison_weights, name="alternatives-comparison-weights"
    ),
    path(f"{P}<int:pk>/scores/", compare.comparison_scores, name="alternatives-comparison-scores"),
    path(f"{P}<int:pk>/chart.svg", compare.comparison_chart, name="alternatives-comparison-chart"),
    path(f"{P}<int:pk>/pdf/", compare.comparison_pdf, name="alternatives-comparison-pdf"),
    path(
        f"{P}<int:pk>/decision/", compare.comparison_decide, name="alternatives-comparison-decide"
    ),
    path(
        f"{P}<int:pk>/criteria/new/",
        compare.criterion_add,
        name="alternatives-comparison-criterion-add",
    ),
    path(
        f"{P}criteria/<int:pk>/delete/",
        compare.criterion_delete,
        name="alternatives-comparison-criterion-delete",
    ),
]
