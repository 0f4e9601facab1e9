"""``opcomap users``: accounts added, listed, changed and removed; passwords never shown; clear refusals."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opcomap.auth import Role, User
from opcomap.auth.accounts import Accounts
from tests.cli_runner import cli, one_sentence  # noqa: F401 (cli: the fixture)

PASSWORD = "un mot de passe assez long"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def users(cli, tmp_path, monkeypatch):
    """``opcomap users ARGS`` with ``stdin`` as standard input, on an accounts file of its own."""
    path = tmp_path / "accounts.json"

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        return cli("users", *args, OPCOMAP_ACCOUNTS=str(path))

    run.path = path
    return run


def test_add_list_passwd_role_remove(users):
    code, out, err = users("add", "camille", "--role", "editor", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert "camille" in out and "editor" in out
    code, out, _ = users("add", "ana@example.fr", "--oidc", "--role", "reviewer")
    assert code == 0
    code, out, _ = users("list")
    assert code == 0
    assert "camille" in out and "mot de passe" in out and "ana@example.fr" in out and "OIDC" in out
    assert "$argon2" not in out
    assert users("passwd", "camille", "--password-stdin", stdin="un autre mot de passe\n")[0] == 0
    assert users("role", "camille", "admin")[0] == 0
    accounts = Accounts(users.path)
    assert accounts.verify("camille", "un autre mot de passe") == User("camille", Role.ADMIN)
    assert users("remove", "camille")[0] == 0
    assert list(accounts.load()) == ["ana@example.fr"]


def test_the_password_is_asked_twice_and_must_match(users, monkeypatch):
    typed = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    code, _, err = users("add", "camille")
    assert code == 1 and "diffèrent" in err
    assert not Accounts(users.path).in_use(), "nothing is written when the two differ"
    typed = iter([PASSWORD, PASSWORD])
    code, _, err = users("add", "camille")
    assert code == 0, err
    assert Accounts(users.path).verify("camille", PASSWORD) == User("camille", Role.VIEWER)


def test_refusals_say_what_is_wrong_and_exit_non_zero(users):
    code, _, err = users("add", "camille", "--role", "boss", "--password-stdin", stdin=PASSWORD)
    assert code == 1 and "viewer, editor, reviewer, admin" in one_sentence(err)
    code, _, err = users("add", "camille", "--password-stdin", stdin="court\n")
    assert code == 1 and "au moins 12 caractères" in one_sentence(err)
    assert users("add", "camille", "--password-stdin", stdin=PASSWORD)[0] == 0
    code, _, err = users("add", "camille", "--password-stdin", stdin=PASSWORD)
    assert code == 1 and "existe déjà" in err
    for args in (("remove", "nobody"), ("role", "nobody", "viewer"),
                 ("passwd", "nobody", "--password-stdin")):
        code, _, err = users(*args, stdin=PASSWORD)
        assert code == 1 and "aucun compte nobody" in one_sentence(err), args
    code, _, err = users("add", "x@y.fr", "--oidc", "--password-stdin", stdin=PASSWORD)
    assert code == 1 and "--oidc" in err
    assert "Traceback" not in err


def test_a_damaged_file_is_named(users):
    users.path.write_text("{not json", encoding="utf-8")
    code, _, err = users("list")
    assert code == 1 and str(users.path) in one_sentence(err) and "Traceback" not in err


def test_list_without_accounts_says_single_user_mode(users):
    code, out, _ = users("list")
    assert code == 0 and "mono-utilisateur" in out


def test_the_password_never_appears_in_what_the_command_prints(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPCOMAP_ACCOUNTS": str(tmp_path / "a.json"), "OPCOMAP_LANG": "en"}
    for args in (["add", "camille", "--password-stdin"], ["passwd", "camille", "--password-stdin"]):
        done = subprocess.run([sys.executable, "-m", "opcomap", "users", *args], input=PASSWORD + "\n", check=False,
                              capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr
        assert PASSWORD not in done.stdout + done.stderr
    assert PASSWORD not in (tmp_path / "a.json").read_text(encoding="utf-8")
