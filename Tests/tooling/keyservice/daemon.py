"""Starting, stopping and killing a real keyserviced for the interop, fuzz and durability scenarios, and the
small assertion helpers the scenario scripts share."""

import argparse
import atexit
import base64
import json
import os
import re
import signal
import subprocess
import tempfile
import sys
import time
import traceback

import requests

b64 = lambda data: base64.b64encode(data).decode()
unb64 = base64.b64decode


class Failure(Exception):
    """A scenario's expectation did not hold."""


def check(condition, message):
    if not condition:
        raise Failure(message)


def raises(exception, function, what):
    try:
        function()
    except exception:
        return
    except Exception as other:  # noqa: BLE001
        raise Failure(f"{what}: expected {exception.__name__}, got {type(other).__name__}: {other}")
    raise Failure(f"{what}: expected {exception.__name__}, nothing raised")


def run_scenarios(description, scenarios):
    """Command line: `--keyserviced BINARY [--only NAME]... [--seed N]`; one JSON line per scenario."""
    import random

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--keyserviced", required=True)
    parser.add_argument("--only", action="append", choices=sorted(scenarios))
    parser.add_argument("--seed", type=int)
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.SystemRandom().randrange(1 << 32)
    random.seed(seed)
    for name in arguments.only or list(scenarios):
        try:
            result = scenarios[name](arguments.keyserviced)
        except Exception as failure:  # noqa: BLE001
            traceback.print_exc()
            print(json.dumps({"scenario": name, "ok": False, "seed": seed, "error": f"{type(failure).__name__}: {failure}"}), flush=True)
            return 1
        print(json.dumps({"scenario": name, "ok": True, "seed": seed, **result}), flush=True)
    return 0


_running = []


@atexit.register
def _kill_leftovers():
    """A failed scenario must not leave daemons behind."""
    for process in _running:
        if process.poll() is None:
            process.kill()


class Daemon:
    """A keyserviced process: `dev` (initialized, unsealed, transit/ mounted) or `server` (from a config)."""

    def __init__(self, binary, mode="dev", storage=None, extra=()):
        self.binary = binary
        self.mode = mode
        self.storage = storage or {"type": "inmem"}
        self.extra = list(extra)
        self.directory = tempfile.mkdtemp(prefix="keyserviced-")
        self.process = None
        self.port = None
        self.root_token = None
        self.unseal_key = None

    def start(self, timeout=60):
        port_file = os.path.join(self.directory, "port")
        if os.path.exists(port_file):
            os.unlink(port_file)
        if self.mode == "dev":
            command = [self.binary, "dev", "--port", "0", "--port-file", port_file, "--log-level", "warning"] + self.extra
        else:
            config = {"listener": {"address": "127.0.0.1", "port": 0}, "storage": self.storage, "log_level": "warning"}
            config.update(getattr(self, "config_overrides", {}))
            path = os.path.join(self.directory, "config.json")
            with open(path, "w") as handle:
                json.dump(config, handle)
            command = [self.binary, "server", "--config", path, "--port-file", port_file] + self.extra
        self.log = open(os.path.join(self.directory, "stdout.log"), "ab")
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE if self.mode == "dev" else self.log, stderr=subprocess.STDOUT)
        _running.append(self.process)
        deadline = time.time() + timeout
        banner = b""
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"keyserviced exited with {self.process.returncode}")
            if os.path.exists(port_file) and open(port_file).read().strip():
                self.port = int(open(port_file).read().strip())
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("keyserviced did not start")
        if self.mode == "dev":
            # The banner is printed just before the port file is written.
            os.set_blocking(self.process.stdout.fileno(), False)
            for _ in range(100):
                chunk = self.process.stdout.read() or b""
                banner += chunk
                if b"Root token:" in banner:
                    break
                time.sleep(0.05)
            text = banner.decode()
            self.root_token = re.search(r"Root token: (\S+)", text).group(1)
            self.unseal_key = re.search(r"Unseal key: (\S+)", text).group(1)
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill9()

    def alive(self):
        return self.process.poll() is None

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def request(self, method, path, body=None, token=None, namespace=None, raw=None):
        headers = {}
        if token:
            headers["X-Vault-Token"] = token
        if namespace:
            headers["X-Vault-Namespace"] = namespace
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        return requests.request(method, self.url + "/v1/" + path, data=data, headers=headers, timeout=60)
