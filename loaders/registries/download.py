"""Fetching a registry's current file from its publisher (data.gouv.fr's catalogue API).

The dataset's page lists its files ("resources"); the newest one matching the
registry's pattern is downloaded next to the user's other files. Offline, the
user is told so in one sentence, with the page to fetch the file from by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.registries.core import Progress, RegistryInfo
from graph_model.errors import OpcomapError

API_ENV = "OPCOMAP_DATAGOUV_API"  # another catalogue (a mirror, a test server) speaking the same API
DEFAULT_API = "https://www.data.gouv.fr/api/1"
TIMEOUT = 20  # seconds without an answer before the machine is declared offline
CHUNK = 1 << 20


@dataclass(frozen=True)
class Resource:
    title: str
    url: str
    modified: dt.date
    size: int | None


def _api() -> str:
    return os.environ.get(API_ENV, DEFAULT_API).rstrip("/")


def _offline(info: RegistryInfo, where: str, exc: Exception) -> OpcomapError:
    reason = getattr(exc, "reason", None) or exc
    return OpcomapError("problems.download_offline", where=where, reason=str(reason), page=info.page_url,
                        registry=info.name)


def _get_json(url: str, info: RegistryInfo) -> Any:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
            return json.load(answer)
    except urllib.error.HTTPError as exc:
        raise OpcomapError("problems.catalogue_status", status=exc.code, url=url) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise _offline(info, url, exc) from exc
    except ValueError as exc:
        raise OpcomapError("problems.catalogue_unreadable", url=url) from exc


def newest_resource(info: RegistryInfo) -> Resource:
    """The newest file of the registry's dataset whose title or URL matches its pattern."""
    if not info.datagouv_dataset:
        raise OpcomapError("problems.registry_not_on_datagouv", name=info.name, page=info.page_url)
    url = f"{_api()}/datasets/{info.datagouv_dataset}/"
    payload = _get_json(url, info)
    pattern = re.compile(info.resource_pattern or ".", re.IGNORECASE)
    found: list[Resource] = []
    for item in payload.get("resources", []) if isinstance(payload, dict) else []:
        title, link = str(item.get("title") or ""), str(item.get("url") or "")
        if not link or not (pattern.search(title) or pattern.search(link)):
            continue
        stamp = str(item.get("last_modified") or item.get("created_at") or "")[:10]
        try:
            modified = dt.date.fromisoformat(stamp)
        except ValueError:
            modified = dt.date.min
        size = item.get("filesize")
        found.append(Resource(title, link, modified, size if isinstance(size, int) else None))
    if not found:
        raise OpcomapError("problems.registry_no_resource", url=url, name=info.name,
                           pattern=repr(info.resource_pattern))
    return max(found, key=lambda r: r.modified)


def download(info: RegistryInfo, destination: Path | None, folder: Path,
             progress: Progress | None = None, on_size: Any = None) -> tuple[Path, dt.date]:
    """Download the newest file; returns its path and its publication date.

    Written under a temporary name and renamed once complete: an interrupted download
    never leaves a truncated file that a later import would read as the registry.
    """
    resource = newest_resource(info)
    name = Path(urllib.request.url2pathname(resource.url.split("?")[0])).name or f"{info.name}{info.file_suffix}"
    target = destination or folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if on_size:
        on_size(resource.size)
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(resource.url, timeout=TIMEOUT) as answer:
            while chunk := answer.read(CHUNK):
                out.write(chunk)
                if progress:
                    progress(len(chunk))
        shutil.move(partial, target)
    except urllib.error.HTTPError as exc:
        raise OpcomapError("problems.download_status", status=exc.code, url=resource.url) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise _offline(info, resource.url, exc) from exc
    finally:
        Path(partial).unlink(missing_ok=True)
    return target, resource.modified
