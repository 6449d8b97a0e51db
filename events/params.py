"""Reading ids out of query strings and forms, where anything may arrive."""


def as_id(value) -> int | None:
    """``value`` as a database id, or None when it is not one.

    ASCII digits only: "²".isdigit() is true, and int("²") raises.
    """
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text)
