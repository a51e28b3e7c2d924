from django.urls import path

from vendorwatch.monitoring.views import import_mapping, imports

IMPORTS = "reports/imports/"

urlpatterns = [
    path(IMPORTS, imports.import_list, name="monitoring-import-list"),
    path(f"{IMPORTS}new/", imports.import_new, name="monitoring-import-new"),
    path(f"{IMPORTS}<int:pk>/", imports.import_detail, name="monitoring-import-detail"),
    path(
        f"{IMPORTS}<int:pk>/progress/", imports.import_progress, name="monitoring-import-progress"
    ),
    path(f"{IMPORTS}<int:pk>/commit/", imports.import_commit, name="monitoring-import-commit"),
    path(f"{IMPORTS}<int:pk>/discard/", imports.import_discard, name="monitoring-import-discard"),
    path(f"{IMPORTS}<int:pk>/undo/", imports.import_undo, name="monitoring-import-undo"),
    path(
        f"{IMPORTS}<int:pk>/mapping/",
        import_mapping.import_mapping,
        name="monitoring-import-mapping",
    ),
]
