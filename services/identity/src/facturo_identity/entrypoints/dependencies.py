"""The directory, the field cipher and the privacy collectors, as route
dependencies."""

from typing import Annotated

from fastapi import Depends, Request

from facturo_identity.adapters.crypto import FieldCipher
from facturo_identity.adapters.directory import Directory, ManagedDirectory
from facturo_identity.adapters.privacy import PersonalDataCollectors


def _directory(request: Request) -> Directory:
    directory: Directory = request.app.state.directory
    return directory


DirectoryDep = Annotated[Directory, Depends(_directory)]


def _managed_directory(request: Request) -> ManagedDirectory:
    directory: ManagedDirectory = request.app.state.directory
    return directory


def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


ManagedDirectoryDep = Annotated[ManagedDirectory, Depends(_managed_directory)]
CipherDep = Annotated[FieldCipher, Depends(_cipher)]


def _collectors(request: Request) -> PersonalDataCollectors:
    collectors: PersonalDataCollectors = request.app.state.privacy_collectors
    return collectors


CollectorsDep = Annotated[PersonalDataCollectors, Depends(_collectors)]
