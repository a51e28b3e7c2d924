"""The filtered problem list as a file: rows are read and written a chunk at a time, so
memory stays the same for 100 or 100,000 problems."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator

from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vendorwatch.core import xlsx
from vendorwatch.problems.export import rows
from vendorwatch.problems.listing import filtered_problems, read_filters
from vendorwatch.web.crud import perm

LINES_PER_PIECE = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def exported_rows(request: HttpRequest) -> Iterator[list[object]]:
    return rows(filtered_problems(read_filters(request.GET)))


@require_safe
@perm("problems.view_problem")
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    def lines() -> Iterator[str]:
        # A few hundred lines per piece: each piece costs the response as much as a line.
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        buffer.write("\ufeff")  # so that Excel reads the umlauts as UTF-8
        for number, row in enumerate(exported_rows(request), start=1):
            writer.writerow(row)
            if number % LINES_PER_PIECE == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="probleme.csv"'
    return response


@require_safe
@perm("problems.view_problem")
def export_xlsx(request: HttpRequest) -> FileResponse:
    # Each row goes into the compressed file at once; the workbook is a nameless temporary
    # file, removed when the response closes it.
    spreadsheet = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response)
    xlsx.write(spreadsheet, _("Problems"), exported_rows(request))
    spreadsheet.seek(0)
    return FileResponse(
        spreadsheet, as_attachment=True, filename="probleme.xlsx", content_type=XLSX
    )
