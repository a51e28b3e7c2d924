from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from vendorwatch.problems.export import rows
from vendorwatch.problems.listing import filtered_problems, read_filters
from vendorwatch.web.crud import perm


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_safe
@perm("problems.view_problem")
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    problems = filtered_problems(read_filters(request.GET))
    writer = csv.writer(_Echo(), delimiter=";")

    def lines() -> Iterator[str]:
        yield "\ufeff"  # so that Excel reads the umlauts as UTF-8
        for row in rows(problems):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="probleme.csv"'
    return response


@require_safe
@perm("problems.view_problem")
def export_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Probleme")
    for row in rows(filtered_problems(read_filters(request.GET))):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="probleme.xlsx"'
    return response
