"""Every form post needs a CSRF token."""


def test_post_without_csrf_token_is_refused(app, db):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = app.test_client().post("/login", data={"email": "a@b.dk", "password": "x"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
