"""Personal data exports to their HTTP document."""

from facturo_identity.domain.directory import Shown
from facturo_identity.domain.privacy import EXPORT_VERSION
from facturo_identity.entrypoints.mapping import user_read
from facturo_identity.entrypoints.privacy_schemas import (
    ErasureRead,
    IdentityDataRead,
    LegalEntityCreatedRead,
    PersonalDataExportRead,
    PersonRead,
)
from facturo_identity.entrypoints.schemas import DelegationRead
from facturo_identity.service_layer.privacy import IdentityPart, PersonalDataExport

IDENTITY = "identity"


def export_read(export: PersonalDataExport) -> PersonalDataExportRead:
    own = identity_read(export.identity).model_dump(mode="json")
    return PersonalDataExportRead(
        version=EXPORT_VERSION,
        export_id=export.export_id,
        created_at=export.created_at,
        person=PersonRead(user_id=export.person.user_id, email=export.person.email),
        sections={IDENTITY: own, **export.others},
    )


def identity_read(part: IdentityPart) -> IdentityDataRead:
    return IdentityDataRead(
        user=user_read(Shown(part.user)) if part.user else None,
        delegations=[DelegationRead.model_validate(d) for d in part.delegations],
        legal_entities_created=[
            LegalEntityCreatedRead.model_validate(e)
            for e in part.legal_entities_created
        ],
        erasures=[ErasureRead.model_validate(e) for e in part.erasures],
    )


def attachment(export: PersonalDataExport) -> str:
    """The Content-Disposition of the export's document."""
    return f'attachment; filename="facturo-personal-data-{export.export_id}.json"'
