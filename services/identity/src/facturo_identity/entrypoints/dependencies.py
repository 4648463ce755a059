"""The directory, as a route dependency."""

from typing import Annotated

from fastapi import Depends, Request

from facturo_identity.adapters.directory import Directory


def _directory(request: Request) -> Directory:
    directory: Directory = request.app.state.directory
    return directory


DirectoryDep = Annotated[Directory, Depends(_directory)]
