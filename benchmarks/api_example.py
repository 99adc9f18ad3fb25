"""An example client of the JSON API: read the open needs, then log a phone call.

    CRM_API_TOKEN=frv_... python benchmarks/api_example.py http://127.0.0.1:5000 VOLUNTEER_ID

Uses only the standard library. The token comes from "API tokens" on the account page (a
consultant's or admin's, with the write scope to log the contact). docs/api.md explains the API.
"""

import json
import os
import sys
import urllib.error
import urllib.request


def call(base: str, token: str, path: str, body: dict | None = None) -> dict:
    """One API request; the JSON answer, or SystemExit with the API's error."""
    request = urllib.request.Request(
        base.rstrip("/") + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{error.code}: {json.load(error)['error']}") from None


def open_needs(base: str, token: str) -> list[dict]:
    """Every open need, following the `next` links page by page."""
    needs, path = [], "/api/v1/needs?status=open&limit=200"
    while path:
        page = call(base, token, path)
        needs += page["data"]
        path = page["links"]["next"]
    return needs


def main() -> None:
    base, volunteer_id = sys.argv[1], int(sys.argv[2])
    token = os.environ["CRM_API_TOKEN"]
    for need in open_needs(base, token):
        skills = ", ".join(s["area"] for s in need["skills"])
        print(f"{need['id']:>5}  {need['title']}  [{skills}]")
    entry = call(
        base,
        token,
        "/api/v1/contacts",
        {"volunteer_id": volunteer_id, "channel": "phone", "summary": "Called about the needs"},
    )
    print("logged contact", entry["data"]["id"])


if __name__ == "__main__":
    main()
