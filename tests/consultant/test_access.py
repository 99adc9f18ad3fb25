"""The calendar feed opens only with its secret token (who reaches a route: test_access_matrix)."""


def test_calendar_feed_with_a_wrong_token_is_404(client, db):
    assert client.get("/contacts/calendar/not-the-token.ics").status_code == 404
    assert client.get("/contacts/calendar/" + "x" * 80 + ".ics").status_code == 404
