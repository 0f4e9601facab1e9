"""Who may do what: roles, their permissions, and the person a session acts as."""

from opcomap.auth.roles import EMBEDDED_USER, Permission, Role, User, can

__all__ = ["EMBEDDED_USER", "Permission", "Role", "User", "can"]
