"""URL converters: ids in URLs stay within the database's integer range (no 500 on huge ids)."""

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """Like <int:...>, but a number beyond a 32-bit id does not match (404 instead of 500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
