"""Layer payloads served as files: the changing layers of a live map hold their big arrays (all
enterprises, parcels) as files the browser fetches once per map frame, so a widget change sends a
few KB of script, not the arrays again (layers/canvas.py, layers/outline.py).

Files are named by their content's digest, written atomically (several servers may share the
folder) into the folder the settings name (``geo.settings.payload_dir()``), served by serve.py at
:data:`PAYLOAD_URL`, and cleaned up oldest first beyond a bound. Not a page itself.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from geo import settings
from layers import canvas, outline

PAYLOAD_DIR = settings.payload_dir()  # outside the source tree; serve.py serves it at PAYLOAD_URL
PAYLOAD_URL = settings.PAYLOAD_URL
PAYLOAD_DIR_MAX_BYTES = 512 * 2**20  # beyond this, files unused for PAYLOAD_KEEP_S are removed
PAYLOAD_KEEP_S = 24 * 3600
# payloads this process can write again: four per layers script pages/common/cache.py keeps (GROUP_ENTRIES)
PAYLOAD_MEMORY = 4 * 96
_PAYLOAD_RE = re.compile(re.escape(PAYLOAD_URL) + r"/([0-9a-f]{32})\.json")
_payloads: OrderedDict[str, str] = OrderedDict()
_payload_lock = threading.Lock()


def _payload_path(digest: str):
    return PAYLOAD_DIR / f"{digest}.json"


def _write_payload(digest: str, text: str) -> bool:
    path = _payload_path(digest)
    try:
        if path.exists():
            os.utime(path)  # in use: kept by the clean-up
            return True
        PAYLOAD_DIR.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=PAYLOAD_DIR, prefix=".tmp-", suffix=".json")
        os.chmod(tmp, 0o644)  # served like the other static files
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
        return True
    except OSError:
        return False


def clean_up() -> None:
    """Remove files unused for a day once the folder holds more than its bound."""
    try:
        files = [(f.stat().st_mtime, f.stat().st_size, f) for f in PAYLOAD_DIR.glob("*.json")]
    except OSError:
        return
    total = sum(size for _, size, _ in files)
    for mtime, size, f in sorted(files):
        if total <= PAYLOAD_DIR_MAX_BYTES or mtime > time.time() - PAYLOAD_KEEP_S:
            break
        try:
            f.unlink()
            total -= size
        except OSError:
            pass


def store_payload(text: str) -> str | None:
    """``text`` as a file under :data:`PAYLOAD_DIR`; its URL, or None if it cannot be written."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    with _payload_lock:
        _payloads[digest] = text
        _payloads.move_to_end(digest)
        while len(_payloads) > PAYLOAD_MEMORY:
            _payloads.popitem(last=False)
    if not _write_payload(digest, text):
        return None
    if len(_payloads) % 50 == 0:
        clean_up()
    return f"{PAYLOAD_URL}/{digest}.json"


def urls_in(script: str) -> list[str]:
    """The payload files ``script`` fetches, by URL, each once in order of first mention."""
    return [f"{PAYLOAD_URL}/{digest}.json" for digest in dict.fromkeys(_PAYLOAD_RE.findall(script))]


def ensure_files(script: str) -> None:
    """Write again any file ``script`` fetches that is gone (removed by a clean-up)."""
    for digest in set(_PAYLOAD_RE.findall(script)):
        if not _payload_path(digest).exists():
            with _payload_lock:
                text = _payloads.get(digest)
            if text is not None:
                _write_payload(digest, text)


@contextmanager
def live_outlines() -> Iterator[None]:
    """While open, polygon layers with an ``outline`` (layers/outline.py) are drawn simplified and
    fetch their full outline as a file when zoomed in."""
    token = outline.FULL_OUTLINE_STORE.set(store_payload)
    try:
        yield
    finally:
        outline.FULL_OUTLINE_STORE.reset(token)


@contextmanager
def served_payloads() -> Iterator[None]:
    """While open, canvas layers made (``to_folium``) fetch their big payloads as files (and
    outlines are drawn as on the live maps: :func:`live_outlines`)."""
    token = canvas.PAYLOAD_STORE.set(store_payload)
    try:
        with live_outlines():
            yield
    finally:
        canvas.PAYLOAD_STORE.reset(token)
