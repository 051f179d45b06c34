"""``kg serve``: the store ``kg build`` wrote, served over the SPARQL 1.1 protocol by Oxigraph's own server.

The ``oxigraph`` package (the same version as ``pyoxigraph``, so it reads the same store) ships the
server binary; it runs read-only, so a build may not write the store while it is served.
"""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

from kg.records import KgError
from kg.sparql import store_path


def parse_bind(bind: str) -> tuple[str, int]:
    """``127.0.0.1:7878`` → (host, port)."""
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise KgError(f"--bind {bind!r}: expected HOST:PORT, such as 127.0.0.1:7878")
    return host.strip("[]"), int(port)


def oxigraph_binary() -> str:
    """The ``oxigraph`` server of the environment kg runs in."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise KgError("the oxigraph server is not installed (pip install oxigraph, the version of pyoxigraph)")
    return found


def server_command(store: str | Path, bind: str) -> list[str]:
    """The checked command line of the server: the store exists, the address is free."""
    path = store_path(store)
    if not (path / "CURRENT").is_file():
        raise KgError(f"{path}: no SPARQL store here — run `kg build INPUT --out-dir DIR` first")
    host, port = parse_bind(bind)
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise KgError(f"cannot listen on {bind}: {exc.strerror or exc} (is another server there? "
                          "choose another --bind)") from None
    return [oxigraph_binary(), "serve-read-only", "--location", str(path), "--bind", f"{host}:{port}"]


def serve(store: str | Path, bind: str) -> int:
    """Run the server in the foreground until Ctrl-C (or SIGTERM); its exit status."""
    command = server_command(store, bind)
    print(f"kg serve: SPARQL endpoint at http://{bind}/query (read-only; Ctrl-C stops it)", file=sys.stderr)
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL)

    def stop(_signum, _frame):
        server.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return _finished(server.wait())
    except KeyboardInterrupt:
        server.terminate()
        server.wait(timeout=10)
        print("kg serve: stopped", file=sys.stderr)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _finished(code: int) -> int:
    return 0 if code in (0, -signal.SIGTERM, -signal.SIGINT) else code
