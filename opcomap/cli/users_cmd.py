"""``opcomap users add|remove|passwd|role|list``: the app's accounts file (``OPCOMAP_ACCOUNTS``).

Passwords are read with a hidden prompt, twice, or as one line of standard input
(``--password-stdin``); they are never echoed, logged or written: the file keeps
Argon2 hashes (:mod:`opcomap.auth.accounts`).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from graph_model.errors import OpcomapError
from opcomap.auth.roles import Role  # the table only: no hashing library
from opcomap.cli.common import app
from opcomap.cli.output import emit, say, words

users_app = typer.Typer(help="cli.help.users", no_args_is_help=True)
app.add_typer(users_app, name="users")

NameArgument = Annotated[str, typer.Argument(help="cli.arg.user_name", metavar="cli.metavar.user_name")]
RoleArgument = Annotated[str, typer.Argument(help="cli.arg.user_role", metavar="cli.metavar.role")]
StdinOption = Annotated[bool, typer.Option("--password-stdin", help="cli.opt.password_stdin")]


def _accounts():
    from opcomap.auth.accounts import Accounts
    from opcomap.settings import get_settings

    return Accounts(get_settings().accounts_path)


def _role_word(role: Role) -> str:
    return f"{role.value} ({words(f'auth.role.{role.value}')})"


def _password(from_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice without echo."""
    from opcomap.auth.accounts import check_password

    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise OpcomapError("auth.no_stdin_password")
        return check_password(line)
    first = check_password(typer.prompt(words("cli.users.password_prompt"), hide_input=True))
    if typer.prompt(words("cli.users.password_again"), hide_input=True) != first:
        raise OpcomapError("auth.password_mismatch")
    return first


@users_app.command(help="cli.help.users_add")
def add(
    name: NameArgument,
    role: Annotated[str, typer.Option("--role", "-r", help="cli.opt.role")] = "viewer",
    oidc: Annotated[bool, typer.Option("--oidc", help="cli.opt.oidc")] = False,
    password_stdin: StdinOption = False,
) -> None:
    """A new account; its password is asked for unless it signs in through OpenID Connect."""
    from opcomap.auth.accounts import check_name, parse_role

    if oidc and password_stdin:
        raise OpcomapError("auth.oidc_password")
    accounts = _accounts()
    chosen, name = parse_role(role), check_name(name)
    if accounts.get(name) is not None:  # before asking for a password that would be thrown away
        raise OpcomapError("auth.user_exists", name=name)
    accounts.add(name, chosen, None if oidc else _password(password_stdin))
    say("cli.users.added", name=name, role=_role_word(chosen), file=str(accounts.path))


@users_app.command(help="cli.help.users_remove")
def remove(name: NameArgument) -> None:
    accounts = _accounts()
    accounts.remove(name)
    say("cli.users.removed", name=name.strip(), file=str(accounts.path))


@users_app.command(help="cli.help.users_passwd")
def passwd(name: NameArgument, password_stdin: StdinOption = False) -> None:
    accounts = _accounts()
    account = accounts.get(name)
    if account is None:
        raise OpcomapError("auth.unknown_user", name=name, file=str(accounts.path))
    if account.oidc:
        raise OpcomapError("auth.oidc_no_password", name=account.name)
    accounts.set_password(account.name, _password(password_stdin))
    say("cli.users.password_changed", name=account.name)


@users_app.command(help="cli.help.users_role")
def role(name: NameArgument, new_role: RoleArgument) -> None:
    from opcomap.auth.accounts import parse_role

    chosen = parse_role(new_role)
    accounts = _accounts()
    accounts.set_role(name, chosen)
    say("cli.users.role_changed", name=name.strip(), role=_role_word(chosen))


@users_app.command(name="list", help="cli.help.users_list")
def list_users() -> None:
    accounts = _accounts()
    found = accounts.load()
    if not found:
        say("cli.users.none", file=str(accounts.path))
        return
    rows = [{"name": a.name, "role": _role_word(a.role),
             "sign_in": words("cli.users.by_oidc" if a.oidc else "cli.users.by_password")}
            for a in sorted(found.values(), key=lambda a: a.name.casefold())]
    emit(rows, title=words("cli.users.title", file=str(accounts.path)))
