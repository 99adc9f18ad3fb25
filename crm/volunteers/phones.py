"""The comparable form of a phone number: its digits, a Danish number without +45."""

DANISH_PREFIX = "45"
DANISH_DIGITS = 8


def phone_key(phone: str | None) -> str:
    """Digits only, with the international prefix dropped for Danish numbers, so that
    "+45 12 34 56 78", "0045 12345678" and "12 34 56 78" give the same key; "" for no number.

    Other countries keep their digits after "+" or "00" ("+46 70 123 45 67" → "46701234567").
    """
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    if len(digits) == DANISH_DIGITS + len(DANISH_PREFIX) and digits.startswith(DANISH_PREFIX):
        digits = digits[len(DANISH_PREFIX) :]
    return digits[:20]
