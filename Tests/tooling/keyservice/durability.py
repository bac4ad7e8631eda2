#!/usr/bin/env python3
"""keyserviced killed with SIGKILL in the middle of writes and rotations, over and over, on its file storage and
on PostgreSQL; and two keyserviced processes sharing one PostgreSQL database.

A write counts as acknowledged when its HTTP response arrived with a 2xx status. After every kill the daemon is
restarted and unsealed, and every acknowledged write must be there: keys (at least at their acknowledged
version), ciphertexts (each decrypts to its plaintext), policies and tokens. In-flight writes may or may not
have landed; either way nothing may be corrupt.

Needs CHATSEC_TEST_DATABASE_URL for the PostgreSQL scenarios. Prints one JSON line per scenario.
"""

import os
import random
import shutil
import sys
import threading
import time
import uuid

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon import Daemon, b64, check, run_scenarios, unb64  # noqa: E402


class Ledger:
    """Everything the daemon acknowledged, filled by concurrent workers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.key_versions = {}
        self.ciphertexts = []
        self.policies = set()
        self.tokens = []
        self.keyring_rotations = 0
        self.writes = 0

    def key(self, name, version):
        with self.lock:
            self.key_versions[name] = max(version, self.key_versions.get(name, 0))
            self.writes += 1

    def ciphertext(self, name, ciphertext, plaintext):
        with self.lock:
            self.ciphertexts.append((name, ciphertext, plaintext))
            self.writes += 1

    def add(self, attribute, value):
        with self.lock:
            getattr(self, attribute).add(value) if isinstance(getattr(self, attribute), set) else getattr(self, attribute).append(value)
            self.writes += 1

    def names(self):
        with self.lock:
            return list(self.key_versions)


def worker(url, token, ledger, stop, seed):
    """Random writes until the daemon dies (connection errors) or `stop` is set; records only 2xx answers."""
    rng = random.Random(seed)
    session = requests.Session()
    session.headers["X-Vault-Token"] = token
    created = 0
    while not stop.is_set():
        names = ledger.names()
        action = rng.choices(["create", "rotate", "encrypt", "batch", "policy", "token", "keyring"], [3, 6, 6, 3, 2, 2, 1])[0]
        try:
            if action == "create" or not names:
                created += 1
                name = f"k-{seed}-{created}"
                key_type = rng.choice(["aes256-gcm96", "chacha20-poly1305", "aes128-gcm96"])
                response = session.post(f"{url}/v1/transit/keys/{name}", json={"type": key_type}, timeout=30)
                if response.ok:
                    ledger.key(name, 1)
            elif action == "rotate":
                name = rng.choice(names)
                response = session.post(f"{url}/v1/transit/keys/{name}/rotate", timeout=30)
                if response.ok:
                    ledger.key(name, response.json()["data"]["latest_version"])
            elif action == "encrypt":
                name = rng.choice(names)
                plaintext = os.urandom(rng.randrange(1, 64))
                response = session.post(f"{url}/v1/transit/encrypt/{name}", json={"plaintext": b64(plaintext)}, timeout=30)
                if response.ok:
                    ledger.ciphertext(name, response.json()["data"]["ciphertext"], plaintext)
            elif action == "batch":
                name = rng.choice(names)
                plaintexts = [os.urandom(16) for _ in range(20)]
                response = session.post(f"{url}/v1/transit/encrypt/{name}", json={"batch_input": [{"plaintext": b64(p)} for p in plaintexts]}, timeout=30)
                if response.ok:
                    for item, plaintext in zip(response.json()["data"]["batch_results"], plaintexts):
                        ledger.ciphertext(name, item["ciphertext"], plaintext)
            elif action == "policy":
                name = f"p-{seed}-{rng.randrange(1 << 30)}"
                response = session.put(f"{url}/v1/sys/policy/{name}", json={"policy": '{"path": {"transit/encrypt/*": {"capabilities": ["update"]}}}'}, timeout=30)
                if response.ok:
                    ledger.add("policies", name)
            elif action == "token":
                response = session.post(f"{url}/v1/auth/token/create", json={"policies": ["default"], "ttl": "24h"}, timeout=30)
                if response.ok:
                    ledger.add("tokens", response.json()["auth"]["client_token"])
            else:
                response = session.post(f"{url}/v1/sys/rotate", timeout=30)
                if response.ok:
                    with ledger.lock:
                        ledger.keyring_rotations += 1
        except (requests.ConnectionError, requests.Timeout):
            return
        except ValueError:
            return  # a truncated body from a dying daemon: not acknowledged


def verify(url, token, ledger):
    """Every acknowledged write is present."""
    session = requests.Session()
    session.headers["X-Vault-Token"] = token
    for name, version in ledger.key_versions.items():
        response = session.get(f"{url}/v1/transit/keys/{name}")
        check(response.status_code == 200, f"acknowledged key {name} missing ({response.status_code})")
        check(response.json()["data"]["latest_version"] >= version, f"key {name} lost a rotation: {response.json()['data']['latest_version']} < {version}")
    by_key = {}
    for name, ciphertext, plaintext in ledger.ciphertexts:
        by_key.setdefault(name, []).append((ciphertext, plaintext))
    for name, items in by_key.items():
        for start in range(0, len(items), 500):
            chunk = items[start:start + 500]
            response = session.post(f"{url}/v1/transit/decrypt/{name}", json={"batch_input": [{"ciphertext": c} for c, _ in chunk]})
            check(response.status_code == 200, f"decrypting acknowledged ciphertexts of {name}: {response.status_code} {response.text[:300]}")
            for result, (_, plaintext) in zip(response.json()["data"]["batch_results"], chunk):
                check(unb64(result["plaintext"]) == plaintext, f"ciphertext of {name} decrypts to the wrong plaintext")
    for name in ledger.policies:
        check(session.get(f"{url}/v1/sys/policy/{name}").status_code == 200, f"acknowledged policy {name} missing")
    for client_token in ledger.tokens:
        response = requests.get(f"{url}/v1/auth/token/lookup-self", headers={"X-Vault-Token": client_token})
        check(response.status_code == 200, f"acknowledged token lost ({response.status_code})")


def unseal(daemon, shares):
    for share in shares:
        response = requests.put(f"{daemon.url}/v1/sys/unseal", json={"key": share})
        check(response.status_code == 200, f"unseal answered {response.status_code}")
    check(requests.get(f"{daemon.url}/v1/sys/seal-status").json()["sealed"] is False, "unsealed after restart")


def kill_loop(binary, storage, rounds):
    daemon = Daemon(binary, "server", storage=storage)
    daemon.config_overrides = {"auto_rotate_check_interval_seconds": 1}
    daemon.start()
    init = requests.put(f"{daemon.url}/v1/sys/init", json={"secret_shares": 3, "secret_threshold": 2}).json()
    shares, token = init["keys"], init["root_token"]
    unseal(daemon, random.sample(shares, 2))
    check(requests.post(f"{daemon.url}/v1/sys/mounts/transit", json={"type": "transit"}, headers={"X-Vault-Token": token}).status_code == 204, "mount")
    ledger = Ledger()
    for round_number in range(rounds):
        stop = threading.Event()
        threads = [threading.Thread(target=worker, args=(daemon.url, token, ledger, stop, round_number * 100 + n)) for n in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(random.uniform(0.5, 2.5))
        daemon.kill9()
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        daemon.start()
        unseal(daemon, random.sample(shares, 2))
        verify(daemon.url, token, ledger)
    daemon.stop()
    return daemon, ledger


def database_url():
    url = os.environ.get("CHATSEC_TEST_DATABASE_URL")
    check(url, "CHATSEC_TEST_DATABASE_URL is not set (Tests/tooling/run-tests starts a throwaway PostgreSQL)")
    return url


def scenario_file_kill(binary, rounds=8):
    directory = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"keyserviced-durability-{uuid.uuid4().hex}")
    daemon, ledger = kill_loop(binary, {"type": "file", "path": directory}, rounds)
    shutil.rmtree(directory, ignore_errors=True)
    check(ledger.writes > 100 and len(ledger.ciphertexts) > 50, f"the workers made progress ({ledger.writes} writes)")
    return {"kills": rounds, "acknowledged_writes": ledger.writes, "keys": len(ledger.key_versions), "ciphertexts": len(ledger.ciphertexts),
            "keyring_rotations": ledger.keyring_rotations}


def scenario_postgres_kill(binary, rounds=6):
    table = f"ks_durability_{uuid.uuid4().hex[:12]}"
    daemon, ledger = kill_loop(binary, {"type": "postgresql", "connection_url": database_url(), "table": table, "max_connections": 4}, rounds)
    check(ledger.writes > 100 and len(ledger.ciphertexts) > 50, f"the workers made progress ({ledger.writes} writes)")
    return {"kills": rounds, "acknowledged_writes": ledger.writes, "keys": len(ledger.key_versions), "ciphertexts": len(ledger.ciphertexts),
            "keyring_rotations": ledger.keyring_rotations}


def scenario_postgres_shared(binary):
    """Two daemons on one database: concurrent rotations of one key lose nothing (compare-and-swap), and every
    change made through one is visible through the other at once (no stale caches)."""
    storage = {"type": "postgresql", "connection_url": database_url(), "table": f"ks_shared_{uuid.uuid4().hex[:12]}", "max_connections": 4}
    first = Daemon(binary, "server", storage=storage).start()
    second = Daemon(binary, "server", storage=storage).start()
    init = requests.put(f"{first.url}/v1/sys/init", json={"secret_shares": 1, "secret_threshold": 1}).json()
    token = init["root_token"]
    check(requests.get(f"{second.url}/v1/sys/init").json()["initialized"], "the second daemon sees the initialization")
    unseal(first, init["keys"])
    unseal(second, init["keys"])
    headers = {"X-Vault-Token": token}
    check(requests.post(f"{first.url}/v1/sys/mounts/transit", json={"type": "transit"}, headers=headers).status_code == 204, "mount")
    check(requests.post(f"{first.url}/v1/transit/keys/shared", headers=headers).ok, "create")

    # Concurrent rotations through both daemons.
    acknowledged = []
    lock = threading.Lock()

    def rotate(url, count):
        session = requests.Session()
        session.headers.update(headers)
        for _ in range(count):
            response = session.post(f"{url}/v1/transit/keys/shared/rotate")
            check(response.status_code == 200, f"rotate answered {response.status_code}: {response.text[:200]}")
            with lock:
                acknowledged.append(response.json()["data"]["latest_version"])

    threads = [threading.Thread(target=rotate, args=(url, 25)) for url in (first.url, second.url) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check(len(acknowledged) == 150 and len(set(acknowledged)) == 150, "every rotation got its own version")
    for url in (first.url, second.url):
        latest = requests.get(f"{url}/v1/transit/keys/shared", headers=headers).json()["data"]["latest_version"]
        check(latest == 151, f"latest_version {latest} after 150 rotations from two daemons")

    # Ciphertexts, policies and tokens cross over at once.
    ciphertext = requests.post(f"{first.url}/v1/transit/encrypt/shared", json={"plaintext": b64(b"cross")}, headers=headers).json()["data"]["ciphertext"]
    check(ciphertext.startswith("vault:v151:"), "encrypts with the latest version")
    decrypted = requests.post(f"{second.url}/v1/transit/decrypt/shared", json={"ciphertext": ciphertext}, headers=headers).json()["data"]["plaintext"]
    check(unb64(decrypted) == b"cross", "the other daemon decrypts")
    requests.post(f"{second.url}/v1/transit/keys/shared/config", json={"min_encryption_version": 151, "min_decryption_version": 151}, headers=headers)
    old = requests.post(f"{first.url}/v1/transit/encrypt/shared", json={"plaintext": b64(b"x"), "key_version": 150}, headers=headers)
    check(old.status_code == 400, f"a config change through one daemon applies at once through the other ({old.status_code})")
    requests.put(f"{first.url}/v1/sys/policy/enc", json={"policy": '{"path": {"transit/encrypt/shared": {"capabilities": ["update"]}}}'}, headers=headers)
    created = requests.post(f"{second.url}/v1/auth/token/create", json={"policies": ["enc"]}, headers=headers).json()["auth"]["client_token"]
    check(requests.post(f"{first.url}/v1/transit/encrypt/shared", json={"plaintext": "aGk="}, headers={"X-Vault-Token": created}).ok, "token from one works at the other")
    requests.post(f"{second.url}/v1/auth/token/revoke", json={"token": created}, headers=headers)
    check(requests.post(f"{first.url}/v1/transit/encrypt/shared", json={"plaintext": "aGk="}, headers={"X-Vault-Token": created}).status_code == 403,
          "a token revoked through one daemon is refused by the other at once")
    requests.put(f"{second.url}/v1/sys/policy/enc", json={"policy": '{"path": {"transit/decrypt/shared": {"capabilities": ["update"]}}}'}, headers=headers)
    other = requests.post(f"{first.url}/v1/auth/token/create", json={"policies": ["enc"]}, headers=headers).json()["auth"]["client_token"]
    check(requests.post(f"{first.url}/v1/transit/encrypt/shared", json={"plaintext": "aGk="}, headers={"X-Vault-Token": other}).status_code == 403,
          "a policy narrowed through one daemon applies at the other at once")
    # Deleting through one: gone at the other.
    requests.post(f"{first.url}/v1/transit/keys/shared/config", json={"deletion_allowed": True}, headers=headers)
    check(requests.delete(f"{second.url}/v1/transit/keys/shared", headers=headers).status_code == 204, "delete")
    check(requests.get(f"{first.url}/v1/transit/keys/shared", headers=headers).status_code == 404, "deleted key gone at the other daemon")
    # Keyring rotation through one: the other reads data written under the new term.
    check(requests.post(f"{first.url}/v1/sys/rotate", headers=headers).status_code == 204, "keyring rotation")
    check(requests.post(f"{first.url}/v1/transit/keys/after-rotation", headers=headers).ok, "write under the new term")
    check(requests.get(f"{second.url}/v1/transit/keys/after-rotation", headers=headers).status_code == 200, "the other daemon reads the new term")
    first.stop()
    second.stop()
    return {"daemons": 2, "concurrent_rotations": 150}


SCENARIOS = {
    "file_kill": scenario_file_kill,
    "postgres_kill": scenario_postgres_kill,
    "postgres_shared": scenario_postgres_shared,
}

if __name__ == "__main__":
    sys.exit(run_scenarios(__doc__, SCENARIOS))
