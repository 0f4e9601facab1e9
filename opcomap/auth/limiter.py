"""Failed sign-ins counted per account name, in the app's process, so guessing a password is slow.

One limiter serves every browser session of the process (the app keeps it in its
shared cache); a name is locked after ``attempts`` failures in a row, whether or
not the name exists, so the lock says nothing about which names do.

>>> limiter = LoginLimiter(attempts=2, lock_seconds=60)
>>> limiter.failed("Camille", now=0.0); limiter.failed("camille", now=1.0)
>>> limiter.locked_until("CAMILLE", now=30.0)
61.0
>>> limiter.locked_until("camille", now=62.0) is None
True
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

ATTEMPTS = 5
LOCK_SECONDS = 15 * 60


@dataclass
class _Tally:
    failures: int = 0
    locked_until: float | None = None


class LoginLimiter:
    def __init__(self, attempts: int = ATTEMPTS, lock_seconds: float = LOCK_SECONDS):
        self.attempts = attempts
        self.lock_seconds = lock_seconds
        self._tallies: dict[str, _Tally] = {}
        self._lock = threading.Lock()  # Streamlit runs each session's script in its own thread

    @staticmethod
    def _key(name: str) -> str:
        return name.strip().casefold()

    def locked_until(self, name: str, now: float) -> float | None:
        """When ``name`` may try again, if it is locked now."""
        with self._lock:
            tally = self._tallies.get(self._key(name))
            if tally is None or tally.locked_until is None:
                return None
            if now >= tally.locked_until:
                del self._tallies[self._key(name)]  # the lock is over: a fresh count
                return None
            return tally.locked_until

    def failed(self, name: str, now: float) -> None:
        with self._lock:
            tally = self._tallies.setdefault(self._key(name), _Tally())
            tally.failures += 1
            if tally.failures >= self.attempts:
                tally.locked_until = now + self.lock_seconds

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._tallies.pop(self._key(name), None)
