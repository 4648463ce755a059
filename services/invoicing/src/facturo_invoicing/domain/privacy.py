"""Which customer contacts are an erased person: pure rules, no I/O."""

from collections.abc import Sequence

from facturo_chassis.privacy import same_email

Contact = dict[str, str | None]


def contacts_of(contacts: Sequence[Contact], digest: str | None) -> list[Contact]:
    """The contacts whose address is the one `digest` was made from."""
    return [c for c in contacts if same_email(c.get("email"), digest)]


def contacts_without(contacts: Sequence[Contact], digest: str | None) -> list[Contact]:
    """Every other contact: an erased contact goes whole (name, e-mail, phone).

    A contact's name is on no issued invoice (the buyer is the customer), so
    nothing of it needs keeping.
    """
    return [c for c in contacts if not same_email(c.get("email"), digest)]
