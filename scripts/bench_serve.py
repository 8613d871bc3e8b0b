"""Time `serve` on a generated vault: from saving a note to the refreshed page being served.

    python scripts/bench_serve.py              # 200 notes, 3 edits
    python scripts/bench_serve.py --notes 50 --edits 5

Starts `python -m notes2book serve` on the vault, listens on the preview's WebSocket as an open page
does, then, for each edit, appends a sentence to a note and measures the time until the page that
shows it has been served again (after the server's "refresh").
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from websockets.sync.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench_convert import REPO, generate


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(REPO / "_config.yml", root)
        shutil.copytree(REPO / "_static", root / "_static")
        generate(root / "notes", args.notes)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        log = open(root / "serve.log", "wb")  # noqa: SIM115 - closed below
        start = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "notes2book", "serve", "--root", str(root), "--port", str(port)],
                                  cwd=REPO, env=env, stdout=log, stderr=log)
        try:
            note = sorted((root / "notes" / "ressources").iterdir())[0]
            page_url = None
            while page_url is None:
                if server.poll() is not None:
                    print((root / "serve.log").read_text(encoding="utf-8"), file=sys.stderr)
                    return 1
                pages = sorted((root / "_build" / "html" / "book" / "ressources").glob("ressource-000-*.html"))
                if pages and _get(f"{url}/") is not None:
                    page_url = f"{url}/book/ressources/{pages[0].name}"
                time.sleep(0.2)
            print(f"vault: {args.notes} notes; first build and server ready in {time.perf_counter() - start:.1f} s")
            times = []
            with connect(f"ws://127.0.0.1:{port}/websocket-reload") as websocket:
                for n in range(args.edits):
                    marker = f"Phrase ajoutée numéro {n}."
                    saved = time.perf_counter()
                    note.write_text(note.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
                    while True:
                        websocket.recv(timeout=300)  # the server's "refresh"
                        body = _get(page_url) or ""
                        if marker in body:
                            break
                    times.append(time.perf_counter() - saved)
                    print(f"edit {n + 1}: saved to refreshed page served in {times[-1]:.2f} s", flush=True)
                    time.sleep(1)
            print(f"median {statistics.median(times):.2f} s over {len(times)} edits")
        finally:
            server.terminate()
            server.wait(timeout=60)
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
