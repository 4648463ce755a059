"""The directory and the field cipher, as route dependencies."""

from typing import Annotated

from fastapi import Depends, Request

from facturo_identity.adapters.crypto import FieldCipher
from facturo_identity.adapters.directory import Directory, ManagedDirectory


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
