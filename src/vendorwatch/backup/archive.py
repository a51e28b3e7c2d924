"""The backup archive: one tar file, gzip-compressed unless its name ends in ``.tar``.

Members, in this order:

- ``manifest.json``: the format, the Vendorwatch version, when (UTC), the database engine, the
  schema (every app's applied migrations), and the size and SHA-256 of every other member;
- the database copy: ``database.sqlite3`` (SQLite) or ``database.pgdump`` (``pg_dump
  --format=custom``);
- the uploaded files under ``media/``.

The manifest comes first, so a restore refuses an archive of another format, engine or a newer
schema before it reads the rest, and checks each member against it while unpacking. Nothing is
ever written under the target's name until the whole archive is complete.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.utils.translation import gettext

FORMAT = "vendorwatch-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024
MANIFEST_LIMIT = 64 * 1024 * 1024


class ArchiveRefused(Exception):
    """The archive cannot be restored; the message says why, in the user's language."""


@dataclass(frozen=True)
class Member:
    name: str
    path: Path
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    engine: str
    database_member: str
    schema: dict[str, list[str]]
    members: dict[str, dict[str, Any]]
    created_at: datetime
    version: str
    files: int
    file_bytes: int


def file_member(name: str, path: Path) -> Member:
    with path.open("rb") as source:
        digest = hashlib.file_digest(source, "sha256")
    return Member(name, path, path.stat().st_size, digest.hexdigest())


def media_members(media_root: Path) -> list[Member]:
    """Every regular file below ``media_root`` (links are left out: uploads are never links)."""
    members = []
    for folder, folders, names in os.walk(media_root):
        folders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if stat.S_ISREG(path.lstat().st_mode):
                relative = path.relative_to(media_root).as_posix()
                members.append(file_member(f"{MEDIA}/{relative}", path))
    return members


def manifest_create(
    *,
    engine: str,
    schema: dict[str, list[str]],
    database: Member,
    media: list[Member],
    created_at: datetime,
    version: str,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "vendorwatch_version": version,
        "created_at": created_at.isoformat().replace("+00:00", "Z"),
        "database": {"engine": engine, "member": database.name},
        "schema": schema,
        "files": {"count": len(media), "bytes": sum(member.size for member in media)},
        "members": {
            member.name: {"size": member.size, "sha256": member.sha256}
            for member in [database, *media]
        },
    }


class _Hashing:
    """A file read by tarfile, hashed on the way, so what went in is what the manifest says."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source = source
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.digest.update(data)
        return data


def _temporary_output(folder: Path, name: str) -> IO[bytes]:
    # Private to the owner (mode 0600, like mkstemp): the archive holds personal data.
    return tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}.", suffix=".part", delete=False)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def archive_write(target: Path, manifest: dict[str, Any], members: list[Member]) -> int:
    """Write the archive to a temporary file beside ``target`` and rename it at the end, so a
    failure (a full disk, a file that changed) never leaves a half archive under the target's
    name; returns the archive's size."""
    output = _temporary_output(target.parent, target.name)
    try:
        with output:
            options: dict[str, Any] = {"mode": "w"}
            if not target.name.endswith(".tar"):
                options = {"mode": "w:gz", "compresslevel": 6}
            with tarfile.open(fileobj=output, format=tarfile.PAX_FORMAT, **options) as tar:
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                _add(tar, MANIFEST, len(data), io.BytesIO(data))
                for member in members:
                    _add_file(tar, member)
            output.flush()
            os.fsync(output.fileno())
        os.replace(output.name, target)
    except BaseException:
        Path(output.name).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target.stat().st_size


def _add(tar: tarfile.TarFile, name: str, size: int, source: Any) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(datetime.now().timestamp())
    tar.addfile(info, source)


def _add_file(tar: tarfile.TarFile, member: Member) -> None:
    try:
        with member.path.open("rb") as source:
            reader = _Hashing(source)
            _add(tar, member.name, member.size, reader)
    except FileNotFoundError:
        raise FileChanged(member.name) from None
    except OSError as error:
        if member.path.exists() and member.path.stat().st_size != member.size:
            raise FileChanged(member.name) from error
        raise
    if reader.digest.hexdigest() != member.sha256:
        raise FileChanged(member.name)


class FileChanged(Exception):
    """An uploaded file was changed or deleted while the backup read it."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


# --- reading ----------------------------------------------------------------------------------


def safe_name(name: str) -> bool:
    """A member name that stays inside the folder it is unpacked into."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and "\\" not in name
        and "\x00" not in name
        and all(part not in ("", ".", "..") for part in name.split("/"))
    )


def _refuse_damaged(error: BaseException) -> ArchiveRefused:
    return ArchiveRefused(
        gettext("The file is damaged or is not a Vendorwatch backup (%(error)s).")
        % {"error": str(error) or type(error).__name__}
    )


def _read_manifest(data: bytes) -> Manifest:
    not_ours = ArchiveRefused(gettext("The file is not a Vendorwatch backup (no valid manifest)."))
    try:
        raw = json.loads(data)
    except ValueError:
        raise ArchiveRefused(
            gettext("The backup is damaged: its list of contents (manifest.json) cannot be read.")
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise not_ours
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        raise ArchiveRefused(
            gettext(
                "The backup has the archive format %(found)s; this version of Vendorwatch reads "
                "format %(known)s. Update Vendorwatch to the version that made the backup "
                "(%(version)s) or later."
            )
            % {
                "found": version,
                "known": FORMAT_VERSION,
                "version": raw.get("vendorwatch_version", "?"),
            }
        )
    try:
        database = raw["database"]
        members = raw["members"]
        manifest = Manifest(
            engine=str(database["engine"]),
            database_member=str(database["member"]),
            schema={str(app): [str(n) for n in names] for app, names in raw["schema"].items()},
            members={
                str(name): {"size": int(entry["size"]), "sha256": str(entry["sha256"])}
                for name, entry in members.items()
            },
            created_at=datetime.fromisoformat(raw["created_at"]),
            version=str(raw["vendorwatch_version"]),
            files=int(raw["files"]["count"]),
            file_bytes=int(raw["files"]["bytes"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise not_ours from None
    for name in manifest.members:
        if not safe_name(name) or not (
            name == manifest.database_member or name.startswith(f"{MEDIA}/")
        ):
            raise ArchiveRefused(
                gettext(
                    "The backup holds a file named “%(name)s” that would be written outside "
                    "of its folder. It is not restored."
                )
                % {"name": name}
            )
    if manifest.database_member not in manifest.members:
        raise not_ours
    return manifest


class Reader:
    """An archive read once from start to end: the manifest, then the members."""

    def __init__(self, tar: tarfile.TarFile) -> None:
        self.tar = tar
        self.stream: Iterator[tarfile.TarInfo] = iter(tar)
        first = next(self.stream, None)
        if first is None or first.name != MANIFEST or not first.isreg():
            raise ArchiveRefused(gettext("The file is not a Vendorwatch backup (no manifest)."))
        if first.size > MANIFEST_LIMIT:
            raise ArchiveRefused(gettext("The file is not a Vendorwatch backup (no manifest)."))
        self.manifest = _read_manifest(_data(tar, first).read())

    def unpack(self, *, database_to: Path, media_to: Path) -> None:
        """Write the database copy to ``database_to`` and the files below ``media_to``,
        checking every member's name, kind, size and checksum against the manifest."""
        expected = self.manifest.members
        seen: set[str] = set()
        for info in self.stream:
            name = info.name
            if name not in expected or name in seen:
                raise ArchiveRefused(
                    gettext("The backup holds “%(name)s”, which its manifest does not list.")
                    % {"name": name}
                )
            if not info.isreg():
                raise ArchiveRefused(
                    gettext(
                        "The backup holds “%(name)s” as a link or a special file, not as a "
                        "plain file. It is not restored."
                    )
                    % {"name": name}
                )
            if name == self.manifest.database_member:
                destination = database_to
            else:
                destination = media_to / name.removeprefix(f"{MEDIA}/")
                if not destination.resolve().is_relative_to(media_to.resolve()):
                    raise ArchiveRefused(
                        gettext(
                            "The backup holds a file named “%(name)s” that would be written "
                            "outside of its folder. It is not restored."
                        )
                        % {"name": name}
                    )
                destination.parent.mkdir(parents=True, exist_ok=True)
            self._copy(info, destination, expected[name])
            seen.add(name)
        missing = sorted(set(expected) - seen)
        if missing:
            raise ArchiveRefused(
                gettext("The backup is incomplete: “%(name)s” is missing (%(count)s in all).")
                % {"name": missing[0], "count": len(missing)}
            )

    def _copy(self, info: tarfile.TarInfo, destination: Path, expected: dict[str, Any]) -> None:
        source = _data(self.tar, info)
        digest = hashlib.sha256()
        size = 0
        with destination.open("wb") as target:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
        if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
            raise ArchiveRefused(
                gettext(
                    "The backup is damaged: the checksum of “%(name)s” does not match its manifest."
                )
                % {"name": info.name}
            )


def _data(tar: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    source = tar.extractfile(info)  # None only for members that are not files: checked before
    if source is None:
        raise ArchiveRefused(gettext("The file is not a Vendorwatch backup (no manifest)."))
    return source


@contextmanager
def archive_read(path: Path) -> Iterator[Reader]:
    """Open an archive for one pass; damage found anywhere on the way is an ArchiveRefused."""
    try:
        with tarfile.open(path, mode="r|*") as tar:
            yield Reader(tar)
    except (tarfile.TarError, EOFError, OSError) as error:
        if isinstance(error, OSError) and not _is_damage(error):
            raise
        raise _refuse_damaged(error) from error


def _is_damage(error: OSError) -> bool:
    """gzip reports a damaged stream as an OSError (BadGzipFile) or zlib.error."""
    import gzip
    import zlib

    return isinstance(error, gzip.BadGzipFile) or isinstance(error.__cause__, zlib.error)
