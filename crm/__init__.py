"""Frivillig CRM: volunteer matching and CRM for a party's international department."""


def create_app(config: dict | None = None):
    """Build the Flask app; imported lazily, so the pure engine (crm.matching) needs no Flask."""
    from crm.app import create_app as factory

    return factory(config)
