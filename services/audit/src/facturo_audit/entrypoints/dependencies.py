"""The audit service's own route dependencies, as `Annotated` aliases."""

from typing import Annotated

from fastapi import Depends

from facturo_audit.settings import AuditSettings
from facturo_chassis.dependencies import RuntimeDep


def _settings(runtime: RuntimeDep) -> AuditSettings:
    settings = runtime.settings
    assert isinstance(settings, AuditSettings), "the audit app runs on AuditSettings"
    return settings


SettingsDep = Annotated[AuditSettings, Depends(_settings)]
