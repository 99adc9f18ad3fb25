"""Reading the results page's tables back as text, for the tests."""

import re


def table_rows(html: str, caption: str) -> list[list[str]]:
    """The cells of each body row of the table with this caption, as plain text."""
    start = html.index(f">{caption}</caption>")
    body = html[start : html.index("</table>", start)]
    body = body[body.index("<tbody>") :]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows
