"""CSV downloads that open correctly in the spreadsheet programs teachers use.

UTF-8 with a byte order mark (Excel then reads Indonesian text correctly),
every cell that a spreadsheet could read as a formula neutralised, and a
file name carrying the block and the date.
"""

import csv
import io
from datetime import date

from webob import Response

#: A cell starting with one of these can run as a formula in a spreadsheet (the full-width forms
#: too, which some spreadsheets read as the ASCII ones).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Invisible characters a formula can hide behind.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def safe_cell(value):
    """The cell as text, with a leading apostrophe when it could act as a formula, even behind
    invisible characters."""
    text = "" if value is None else str(value)
    if text.lstrip(INVISIBLE).startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header, rows):
    """The CSV document (without the byte order mark); ``header`` None: the rows only."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header is not None:
        writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def file_slug(usage_id):
    """A block's usage id made safe for a file name (its last 60 characters)."""
    return "".join(c if c.isalnum() else "-" for c in str(usage_id))[-60:].strip("-")


def csv_download(header, rows, basename, header_row=True):
    """A download response: ``<basename>-<YYYY-MM-DD>.csv``; ``header_row`` False: the rows
    only, without the byte order mark (a later part of an export in parts)."""
    body = "\ufeff" + csv_text(header, rows) if header_row else csv_text(None, rows)
    response = Response(body=body.encode("utf-8"), content_type="text/csv", charset="utf-8")
    filename = f"{basename}-{date.today().isoformat()}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
