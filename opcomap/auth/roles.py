"""The four roles and what each may do; the one table every edge asks.

Pages and commands never compare role names: they ask ``can(user.role, permission)``,
so adding a permission or a role changes this table and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    VIEWER = "viewer"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class Permission(str, Enum):
    READ = "read"                # see the map, its pages and the console
    PROPOSE = "propose"          # edit forms, uploads into the workspace, reconcile fixes
    REVIEW = "review"            # accept or reject other people's proposals
    PUBLISH = "publish"          # a change lands on the published map without review
    MANAGE_USERS = "manage_users"


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.EDITOR: frozenset({Permission.READ, Permission.PROPOSE}),
    Role.REVIEWER: frozenset({Permission.READ, Permission.PROPOSE, Permission.REVIEW}),
    Role.ADMIN: frozenset(Permission),
}


def can(role: Role, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission``.

    >>> can(Role.VIEWER, Permission.PROPOSE), can(Role.REVIEWER, Permission.REVIEW)
    (False, True)
    """
    return permission in _GRANTS[Role(role)]


@dataclass(frozen=True)
class User:
    """The person a session or command acts as; ``authenticated`` is False in the embedded single-user mode."""

    name: str
    role: Role
    authenticated: bool = True

    def can(self, permission: Permission) -> bool:
        return can(self.role, permission)


# Without an accounts file the app is one person's desk: full rights, and the page says so.
EMBEDDED_USER = User(name="", role=Role.ADMIN, authenticated=False)
