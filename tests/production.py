"""Settings a production app needs beyond the defaults, for tests that start one."""

CONTROLLER = {
    "DATA_CONTROLLER_NAME": "Partiet",
    "DATA_CONTROLLER_ADDRESS": "Partivej 1, 1000 København K",
    "DATA_CONTROLLER_EMAIL": "persondata@partiet.example",
}
"""A production app's own data controller details (the defaults are placeholders)."""
