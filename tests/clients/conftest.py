"""Starts a real `twingraph serve` for the third-party client tests.

The binary comes from TWINGRAPH_BIN (default: the release build in the shared target
directory); the store lives in a pytest temporary directory; the port is a free one
chosen here. The server is stopped (SIGINT, then SIGKILL) when the session ends.
"""

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

DEFAULT_BIN = "/root/.cache/twingraph-target/release/twingraph"
START_TIMEOUT_S = float(os.environ.get("TWINGRAPH_START_TIMEOUT", "60"))


@dataclass
class Server:
    base: str
    store: Path
    stderr_path: Path
    process: subprocess.Popen

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def query(self) -> str:
        return f"{self.base}/query"

    @property
    def update(self) -> str:
        return f"{self.base}/update"

    @property
    def gsp(self) -> str:
        return f"{self.base}/store"

    def stderr(self) -> str:
        try:
            return self.stderr_path.read_text(errors="replace")
        except OSError as e:
            return f"(cannot read {self.stderr_path}: {e})"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(process: subprocess.Popen) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # the server shuts down gracefully on Ctrl-C
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
    return process.returncode


@pytest.fixture(scope="session")
def twingraph_bin() -> str:
    path = os.environ.get("TWINGRAPH_BIN", DEFAULT_BIN)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(f"twingraph binary not found at {path} (set TWINGRAPH_BIN)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def server(twingraph_bin, tmp_path_factory):
    work = tmp_path_factory.mktemp("twingraph-serve")
    store = work / "store"
    stderr_path = work / "serve.stderr"
    port = _free_port()
    bind = f"127.0.0.1:{port}"
    base = f"http://{bind}"
    cmd = [twingraph_bin, "--store", str(store), "serve", "--bind", bind]
    with open(stderr_path, "wb") as err:
        process = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=err, stderr=subprocess.STDOUT, cwd=work
        )
    srv = Server(base=base, store=store, stderr_path=stderr_path, process=process)

    deadline = time.monotonic() + START_TIMEOUT_S
    last_error = None
    while True:
        if process.poll() is not None:
            pytest.fail(
                f"`{' '.join(cmd)}` exited with code {process.returncode} before answering "
                f"/health; its output:\n{srv.stderr()}",
                pytrace=False,
            )
        try:
            r = requests.get(f"{base}/health", timeout=2)
            if r.status_code == 200:
                break
            last_error = f"/health answered {r.status_code}: {r.text[:200]}"
        except requests.RequestException as e:
            last_error = repr(e)
        if time.monotonic() > deadline:
            _stop(process)
            pytest.fail(
                f"`{' '.join(cmd)}` did not answer /health within {START_TIMEOUT_S:.0f} s "
                f"(last error: {last_error}); its output:\n{srv.stderr()}",
                pytrace=False,
            )
        time.sleep(0.1)

    yield srv

    code = _stop(process)
    # 0 after a graceful shutdown; -SIGINT / -SIGKILL when the signal ended it directly.
    if code not in (0, -signal.SIGINT, 130, -signal.SIGKILL):
        print(f"\ntwingraph serve exited with code {code}; its output:\n{srv.stderr()}")
