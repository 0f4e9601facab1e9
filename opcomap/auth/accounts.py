"""The accounts file: one entry per person, with a role and an Argon2 hash, never a password.

A JSON document (``{"users": [{"name", "role", "hash"}]}``) written whole into a
temporary file and renamed over the old one, under a file lock, so a reader never
sees half a file and two ``opcomap users`` commands never lose each other's change.
An entry without a hash is an OpenID Connect account, matched by the e-mail or
``sub`` the identity provider gives.

Argon2 (argon2-cffi) is imported inside the functions that hash: the CLI's help stays light.

>>> import tempfile, pathlib
>>> accounts = Accounts(pathlib.Path(tempfile.mkdtemp()) / "accounts.json")
>>> accounts.add("camille", Role.EDITOR, "a long enough password")
>>> accounts.verify("camille", "a long enough password")
User(name='camille', role=<Role.EDITOR: 'editor'>, authenticated=True)
>>> accounts.verify("camille", "wrong") is None
True
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from graph_model.errors import OpcomapError, Phrase
from opcomap.auth.roles import Role, User

# ANSSI's advice for a password that is the only factor: twelve characters at least.
MIN_PASSWORD = 12
MAX_NAME = 100


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    hash: str | None = None  # None: an OpenID Connect account, signed in by the identity provider

    @property
    def oidc(self) -> bool:
        return self.hash is None

    def user(self) -> User:
        return User(name=self.name, role=self.role)

    def entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"name": self.name, "role": self.role.value}
        if self.hash is not None:
            entry["hash"] = self.hash
        return entry


def parse_role(text: str) -> Role:
    """A role from its name as typed; the error names the four.

    >>> parse_role(" Editor ")
    <Role.EDITOR: 'editor'>
    """
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise OpcomapError("auth.unknown_role", role=text, roles=", ".join(r.value for r in Role)) from None


def check_name(name: str) -> str:
    """A user name as kept: stripped, not empty, no control character, not too long."""
    name = name.strip()
    if not name or len(name) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in name):
        raise OpcomapError("auth.bad_name", name=name, most=MAX_NAME)
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise OpcomapError("auth.short_password", least=MIN_PASSWORD)
    return password


def _hasher():
    from argon2 import PasswordHasher  # the library's defaults follow RFC 9106's advice

    return PasswordHasher()


class Accounts:
    """The accounts kept in ``path``; every change rewrites the whole file atomically."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = FileLock(str(self.path) + ".lock")

    # -- reading ------------------------------------------------------------------------------

    def load(self) -> dict[str, Account]:
        """Every account by name; none when the file does not exist. A broken file names itself."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise OpcomapError("auth.file_unreadable", file=str(self.path), detail=exc.strerror or str(exc)) from exc
        try:
            return _parse(json.loads(text))
        except OpcomapError as exc:
            raise OpcomapError("auth.file_corrupt", file=str(self.path), detail=Phrase(exc.key, exc.params)) from exc
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            detail = exc if isinstance(exc, ValueError) else repr(exc)  # JSONDecodeError says line and column
            raise OpcomapError("auth.file_corrupt", file=str(self.path), detail=str(detail)) from exc

    def in_use(self) -> bool:
        """Whether the app must ask who is there: the file exists and holds at least one account."""
        return bool(self.load())

    def get(self, name: str) -> Account | None:
        return self.load().get(name.strip())

    # -- checking a password --------------------------------------------------------------------

    def verify(self, name: str, password: str) -> User | None:
        """The user when ``password`` is theirs, else None: the same answer for an unknown name.

        Argon2's check is constant-time; an unknown name or an OIDC account is checked
        against a throwaway hash so that it takes as long as a wrong password.
        A hash made with weaker parameters than today's is replaced by a new one.
        """
        from argon2.exceptions import InvalidHashError, VerificationError

        hasher = _hasher()
        account = self.get(name)
        stored = account.hash if account is not None and account.hash else _decoy(hasher)
        try:
            hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if account is None or not account.hash:
            return None
        if hasher.check_needs_rehash(account.hash):
            self._change(account.name, lambda a: Account(a.name, a.role, hasher.hash(password)))
        return account.user()

    def oidc_user(self, claims: Mapping[str, Any], default_role: Role | None) -> User | None:
        """The user an identity provider signed in: the account whose name is their e-mail or
        ``sub``; otherwise ``default_role`` under their e-mail, or None (refused) without one."""
        keys = [str(claims.get(k) or "").strip() for k in ("email", "sub")]
        keys = [k for k in keys if k]
        if not keys:
            return None
        accounts = {name.casefold(): account for name, account in self.load().items() if account.oidc}
        for key in keys:
            account = accounts.get(key.casefold())
            if account is not None:
                return account.user()
        return User(name=keys[0], role=default_role) if default_role is not None else None

    # -- changing ---------------------------------------------------------------------------------

    def add(self, name: str, role: Role, password: str | None) -> None:
        """A new account; ``password`` None makes an OpenID Connect one."""
        name = check_name(name)
        hashed = _hasher().hash(check_password(password)) if password is not None else None

        def added(accounts: dict[str, Account]) -> None:
            if name in accounts:
                raise OpcomapError("auth.user_exists", name=name)
            accounts[name] = Account(name, Role(role), hashed)

        self._write(added)

    def remove(self, name: str) -> None:
        def removed(accounts: dict[str, Account]) -> None:
            if accounts.pop(name.strip(), None) is None:
                raise OpcomapError("auth.unknown_user", name=name, file=str(self.path))

        self._write(removed)

    def set_password(self, name: str, password: str) -> None:
        hashed = _hasher().hash(check_password(password))
        self._change(name, lambda a: Account(a.name, a.role, hashed))

    def set_role(self, name: str, role: Role) -> None:
        self._change(name, lambda a: Account(a.name, Role(role), a.hash))

    def _change(self, name: str, how: Callable[[Account], Account]) -> None:
        def changed(accounts: dict[str, Account]) -> None:
            account = accounts.get(name.strip())
            if account is None:
                raise OpcomapError("auth.unknown_user", name=name, file=str(self.path))
            accounts[account.name] = how(account)

        self._write(changed)

    def _write(self, change: Callable[[dict[str, Account]], None]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            accounts = self.load()
            change(accounts)
            text = json.dumps({"users": [a.entry() for a in accounts.values()]}, ensure_ascii=False, indent=2)
            _replace(self.path, text + "\n")


def _parse(document: Any) -> dict[str, Account]:
    accounts: dict[str, Account] = {}
    for entry in document["users"]:
        account = Account(check_name(entry["name"]), parse_role(entry["role"]), entry.get("hash"))
        if account.hash is not None and not str(account.hash).startswith("$argon2"):
            raise OpcomapError("auth.not_argon2", name=account.name)
        accounts[account.name] = account
    return accounts


def _replace(path: Path, text: str) -> None:
    """Write ``text`` beside ``path``, readable by its owner only, then rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_DECOYS: dict[str, str] = {}


def _decoy(hasher: Any) -> str:
    """A hash of nothing anyone types, made once, for checks that must fail as slowly as a real one."""
    if "hash" not in _DECOYS:
        _DECOYS["hash"] = hasher.hash(os.urandom(16).hex())
    return _DECOYS["hash"]
