"""The accounts file: Argon2 hashes only, refused passwords, stronger hashes on sign-in, whole-file writes."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from graph_model.errors import OpcomapError
from opcomap.auth import Role, User
from opcomap.auth.accounts import Accounts
from opcomap.auth.limiter import LoginLimiter

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(tmp_path: Path) -> Accounts:
    return Accounts(tmp_path / "conf" / "accounts.json")


def test_the_file_keeps_an_argon2_hash_never_the_password(accounts):
    accounts.add("camille", Role.EDITOR, PASSWORD)
    text = accounts.path.read_text(encoding="utf-8")
    assert PASSWORD not in text
    entry = json.loads(text)["users"][0]
    assert entry["name"] == "camille" and entry["role"] == "editor" and entry["hash"].startswith("$argon2id$")
    assert accounts.path.stat().st_mode & 0o077 == 0, "only its owner may read the hashes"


def test_the_right_password_signs_in_and_others_are_refused_alike(accounts):
    accounts.add("camille", Role.EDITOR, PASSWORD)
    assert accounts.verify("camille", PASSWORD) == User("camille", Role.EDITOR)
    assert accounts.verify("camille", PASSWORD + "x") is None
    assert accounts.verify("nobody", PASSWORD) is None
    accounts.add("sso@example.fr", Role.ADMIN, None)
    assert accounts.verify("sso@example.fr", "") is None, "an OIDC account has no password to guess"


def test_a_weaker_hash_is_replaced_at_the_next_sign_in(accounts):
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    accounts.path.parent.mkdir(parents=True)
    accounts.path.write_text(json.dumps({"users": [{"name": "ana", "role": "viewer", "hash": weak}]}), encoding="utf-8")
    assert accounts.verify("ana", PASSWORD) == User("ana", Role.VIEWER)
    renewed = accounts.get("ana").hash
    assert renewed != weak and not PasswordHasher().check_needs_rehash(renewed)
    assert accounts.verify("ana", PASSWORD) is not None


def test_a_short_password_an_existing_name_and_an_unknown_role_are_refused(accounts):
    with pytest.raises(OpcomapError, match="au moins 12"):
        accounts.add("camille", Role.EDITOR, "short")
    accounts.add("camille", Role.EDITOR, PASSWORD)
    with pytest.raises(OpcomapError, match="existe déjà"):
        accounts.add("camille", Role.VIEWER, PASSWORD)
    from opcomap.auth.accounts import parse_role

    with pytest.raises(OpcomapError) as refused:
        parse_role("boss")
    assert "viewer, editor, reviewer, admin" in refused.value.message("en")


def test_role_and_password_change_and_removal(accounts):
    accounts.add("camille", Role.EDITOR, PASSWORD)
    accounts.set_role("camille", Role.REVIEWER)
    accounts.set_password("camille", "another long password")
    assert accounts.verify("camille", PASSWORD) is None
    assert accounts.verify("camille", "another long password") == User("camille", Role.REVIEWER)
    accounts.remove("camille")
    assert not accounts.in_use()
    with pytest.raises(OpcomapError, match="aucun compte camille"):
        accounts.remove("camille")


def test_a_damaged_file_is_named_in_the_error(accounts):
    accounts.path.parent.mkdir(parents=True)
    accounts.path.write_text('{"users": [{"name": "ana", "role": "viewer"', encoding="utf-8")
    with pytest.raises(OpcomapError) as broken:
        accounts.load()
    assert str(accounts.path) in str(broken.value) and "abîmé" in str(broken.value)
    accounts.path.write_text('{"users": [{"name": "ana", "role": "boss"}]}', encoding="utf-8")
    with pytest.raises(OpcomapError, match="boss"):
        accounts.verify("ana", PASSWORD)
    accounts.path.write_text('{"users": [{"name": "ana", "role": "viewer", "hash": "plain"}]}', encoding="utf-8")
    with pytest.raises(OpcomapError, match="Argon2"):
        accounts.in_use()


def test_writes_are_whole_and_concurrent_additions_all_land(accounts):
    accounts.add("first", Role.VIEWER, None)
    threads = [threading.Thread(target=accounts.add, args=(f"sso{i}@example.fr", Role.VIEWER, None))
               for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(accounts.load()) == 9
    leftovers = [p.name for p in accounts.path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [], "no temporary file is left beside the accounts"


def test_an_oidc_person_is_matched_by_e_mail_or_sub_else_given_the_default_role(accounts):
    accounts.add("Ana@Example.fr", Role.EDITOR, None)
    accounts.add("248289761001", Role.ADMIN, None)
    assert accounts.oidc_user({"email": "ana@example.fr"}, Role.VIEWER) == User("Ana@Example.fr", Role.EDITOR)
    assert accounts.oidc_user({"email": "x@y.fr", "sub": "248289761001"}, None) == User("248289761001", Role.ADMIN)
    assert accounts.oidc_user({"email": "new@example.fr"}, Role.VIEWER) == User("new@example.fr", Role.VIEWER)
    assert accounts.oidc_user({"email": "new@example.fr"}, None) is None, "refused without a default role"


def test_the_limiter_locks_a_name_after_five_failures_whatever_its_case():
    limiter = LoginLimiter()
    for second in range(5):
        assert limiter.locked_until("Camille", now=second) is None
        limiter.failed("camille", now=second)
    assert limiter.locked_until("CAMILLE", now=10) == 4 + 15 * 60
    assert limiter.locked_until("ana", now=10) is None, "other names are not locked"
    assert limiter.locked_until("camille", now=4 + 15 * 60) is None
    limiter.failed("ana", now=0)
    limiter.succeeded("ana")
    for second in range(4):
        limiter.failed("ana", now=second)
    assert limiter.locked_until("ana", now=5) is None, "a success starts the count again"
