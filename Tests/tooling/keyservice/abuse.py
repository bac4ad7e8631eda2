#!/usr/bin/env python3
"""keyserviced under hostile use, over HTTP only: tokens without policies, tenants probing each other's
namespaces, and a fuzz run of malformed and random requests.

Prints one JSON line per scenario; exits non-zero on the first failure.
"""

import base64
import json
import os
import random
import socket
import string
import sys
import time

import hvac
import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon import Daemon, b64, check, raises, run_scenarios  # noqa: E402

# Every authenticated endpoint keyserviced serves (method, path, body). Unauthenticated ones (as in Vault):
# sys/health, sys/seal-status, sys/init, sys/unseal.
ENDPOINTS = [
    ("POST", "sys/seal", None),
    ("POST", "sys/rotate", None),
    ("GET", "sys/key-status", None),
    ("GET", "sys/mounts", None),
    ("POST", "sys/mounts/other", {"type": "transit"}),
    ("GET", "sys/mounts/transit", None),
    ("DELETE", "sys/mounts/transit", None),
    ("GET", "sys/policy", None),
    ("GET", "sys/policy/default", None),
    ("POST", "sys/policy/evil", {"policy": json.dumps({"path": {"*": {"capabilities": ["sudo"]}}})}),
    ("DELETE", "sys/policy/app", None),
    ("LIST", "sys/policies/acl", None),
    ("GET", "sys/policies/acl/app", None),
    ("POST", "sys/policies/acl/evil", {"policy": json.dumps({"path": {"*": {"capabilities": ["sudo"]}}})}),
    ("DELETE", "sys/policies/acl/app", None),
    ("LIST", "sys/namespaces", None),
    ("GET", "sys/namespaces/tenant", None),
    ("POST", "sys/namespaces/evil", None),
    ("DELETE", "sys/namespaces/tenant", None),
    ("POST", "sys/capabilities-self", {"paths": ["transit/keys/k"]}),
    ("GET", "sys/unknown", None),
    ("POST", "auth/token/create", {"policies": ["root"]}),
    ("POST", "auth/token/create-orphan", {}),
    ("GET", "auth/token/lookup-self", None),
    ("POST", "auth/token/lookup", {"token": "hvs.x"}),
    ("POST", "auth/token/renew-self", {}),
    ("POST", "auth/token/revoke-self", None),
    ("POST", "auth/token/revoke", {"token": "hvs.x"}),
    ("LIST", "transit/keys", None),
    ("GET", "transit/keys/k", None),
    ("POST", "transit/keys/k", {}),
    ("POST", "transit/keys/new", {}),
    ("DELETE", "transit/keys/k", None),
    ("POST", "transit/keys/k/config", {"deletion_allowed": True}),
    ("POST", "transit/keys/k/rotate", None),
    ("POST", "transit/keys/k/trim", {"min_available_version": 1}),
    ("POST", "transit/keys/byok/import", {"ciphertext": "AAAA"}),
    ("POST", "transit/keys/k/import_version", {"ciphertext": "AAAA"}),
    ("POST", "transit/encrypt/k", {"plaintext": "aGk="}),
    ("POST", "transit/encrypt/new", {"plaintext": "aGk="}),
    ("POST", "transit/decrypt/k", {"ciphertext": "vault:v1:AAAA"}),
    ("POST", "transit/rewrap/k", {"ciphertext": "vault:v1:AAAA"}),
    ("POST", "transit/datakey/plaintext/k", {}),
    ("POST", "transit/datakey/wrapped/k", {}),
    ("POST", "transit/random", {}),
    ("POST", "transit/random/32", {}),
    ("POST", "transit/hash", {"input": "aGk="}),
    ("POST", "transit/hash/sha2-512", {"input": "aGk="}),
    ("POST", "transit/hmac/k", {"input": "aGk="}),
    ("POST", "transit/sign/k", {"input": "aGk="}),
    ("POST", "transit/verify/k", {"input": "aGk=", "signature": "vault:v1:AAAA"}),
    ("GET", "transit/export/encryption-key/k", None),
    ("GET", "transit/export/encryption-key/k/1", None),
    ("GET", "transit/backup/k", None),
    ("POST", "transit/restore", {"backup": "AAAA"}),
    ("POST", "transit/restore/k2", {"backup": "AAAA"}),
    ("GET", "transit/wrapping_key", None),
    ("GET", "transit/cache-config", None),
    ("POST", "transit/cache-config", {"size": 10}),
    ("GET", "transit/config/keys", None),
    ("POST", "transit/config/keys", {"disable_upsert": True}),
    ("GET", "transit/unknown", None),
]


def root_state(daemon, session):
    """What a denied request must not change."""
    headers = {"X-Vault-Token": daemon.root_token}
    get = lambda path: session.get(f"{daemon.url}/v1/{path}", headers=headers).json()
    return {
        "mounts": sorted(get("sys/mounts")["data"]),
        "keys": session.request("LIST", f"{daemon.url}/v1/transit/keys", headers=headers).json()["data"]["keys"],
        "k": get("transit/keys/k")["data"]["latest_version"],
        "policies": sorted(get("sys/policy")["data"]["policies"]),
        "sealed": get("sys/seal-status")["sealed"],
    }


def scenario_policy_denied(binary):
    """A token with no policy (and bad or missing tokens) gets 403 from every authenticated endpoint."""
    daemon = Daemon(binary, "dev").start()
    client = hvac.Client(url=daemon.url, token=daemon.root_token)
    client.secrets.transit.create_key(name="k", exportable=True)
    client.sys.create_or_update_policy(name="app", policy={"path": {"transit/encrypt/k": {"capabilities": ["update"]}}})
    client.sys.create_namespace(path="tenant")
    bare = client.auth.token.create(policies=["no-such-policy"], no_default_policy=True)["auth"]["client_token"]
    default_only = client.auth.token.create(policies=["default"])["auth"]["client_token"]
    session = requests.Session()
    before = root_state(daemon, session)
    checked = 0
    for label, token in [("no policy", bare), ("unknown token", "hvs." + "A" * 24), ("no token", None), ("malformed token", "\u00e9t\u00e9")]:
        for method, path, body in ENDPOINTS:
            headers = {"X-Vault-Token": token} if token else {}
            response = session.request(method, f"{daemon.url}/v1/{path}", headers={k: v.encode() for k, v in headers.items()},
                                       data=json.dumps(body) if body is not None else None)
            check(response.status_code == 403, f"{label}: {method} {path} answered {response.status_code}, expected 403")
            check(response.headers.get("Content-Type") == "application/json", f"{label}: {method} {path} content type")
            check(response.json() == {"errors": ["permission denied"]}, f"{label}: {method} {path} body {response.text!r}")
            checked += 1
    # The default policy only reaches the token's own lookup, renew, revoke and capabilities.
    allowed = {"auth/token/lookup-self", "auth/token/renew-self", "auth/token/revoke-self", "sys/capabilities-self"}
    for method, path, body in ENDPOINTS:
        if path in allowed:
            continue
        response = session.request(method, f"{daemon.url}/v1/{path}", headers={"X-Vault-Token": default_only},
                                   data=json.dumps(body) if body is not None else None)
        check(response.status_code == 403, f"default policy: {method} {path} answered {response.status_code}")
        checked += 1
    check(root_state(daemon, session) == before, "denied requests changed nothing")
    daemon.stop()
    return {"denied_requests": checked, "endpoints": len(ENDPOINTS)}


def scenario_namespaces(binary):
    """Two tenants in sibling namespaces: neither sees the other's keys, mounts, policies or tokens."""
    daemon = Daemon(binary, "dev").start()
    root = hvac.Client(url=daemon.url, token=daemon.root_token)
    tenants = {}
    for name in ["tenant-a", "tenant-b"]:
        root.sys.create_namespace(path=name)
        admin = hvac.Client(url=daemon.url, token=daemon.root_token, namespace=name)
        admin.sys.enable_secrets_engine(backend_type="transit")
        admin.secrets.transit.create_key(name="shared-name")
        admin.secrets.transit.create_key(name=f"only-{name}")
        admin.sys.create_or_update_policy(name="tenant-admin", policy={"path": {"*": {"capabilities": ["create", "read", "update", "delete", "list", "sudo"]}}})
        token = admin.auth.token.create(policies=["tenant-admin"])["auth"]["client_token"]
        client = hvac.Client(url=daemon.url, token=token, namespace=name)
        ciphertext = client.secrets.transit.encrypt_data(name="shared-name", plaintext=b64(b"secret of " + name.encode()))["data"]["ciphertext"]
        tenants[name] = {"token": token, "client": client, "ciphertext": ciphertext}
    checks = 0
    for name, other in [("tenant-a", "tenant-b"), ("tenant-b", "tenant-a")]:
        mine = tenants[name]["client"]
        keys = mine.secrets.transit.list_keys()["data"]["keys"]
        check(sorted(keys) == sorted(["shared-name", f"only-{name}"]), f"{name} sees only its keys: {keys}")
        # Its token in the other namespace, in the root namespace, and against the other's objects.
        for namespace in [other, None, f"{other}/", f"{name}/../{other}", f"{other}/nested", "no-such-tenant"]:
            probe = hvac.Client(url=daemon.url, token=tenants[name]["token"], namespace=namespace)
            # A malformed namespace (with `..`) is refused outright (400); any other is 403.
            denied = hvac.exceptions.InvalidRequest if ".." in (namespace or "") else hvac.exceptions.Forbidden
            raises(denied, lambda: probe.secrets.transit.list_keys(), f"{name} lists keys in {namespace}")
            raises(denied, lambda: probe.secrets.transit.read_key(name=f"only-{other}"), f"{name} reads a key in {namespace}")
            raises(denied, lambda: probe.secrets.transit.decrypt_data(name="shared-name", ciphertext=tenants[other]["ciphertext"]), f"{name} decrypts in {namespace}")
            raises(denied, lambda: probe.sys.list_mounted_secrets_engines(), f"{name} lists mounts in {namespace}")
            raises(denied, lambda: probe.auth.token.lookup_self(), f"{name} looks itself up in {namespace}")
            checks += 5
        # Same key name, different key: the other tenant's ciphertext does not decrypt in this namespace.
        raises(hvac.exceptions.InvalidRequest, lambda: mine.secrets.transit.decrypt_data(name="shared-name", ciphertext=tenants[other]["ciphertext"]), f"{name} decrypts {other}'s ciphertext")
        raises(hvac.exceptions.InvalidPath, lambda: mine.secrets.transit.read_key(name=f"only-{other}"), f"{name} sees {other}'s key")
        # The other tenant's token is unknown here: lookup and revoke do nothing.
        raises(hvac.exceptions.Forbidden, lambda: mine.auth.token.lookup(token=tenants[other]["token"]), f"{name} looks up {other}'s token")
        mine.auth.token.revoke(token=tenants[other]["token"])
        check(tenants[other]["client"].is_authenticated(), f"{name} cannot revoke {other}'s token")
        check(f"tenant-admin" in mine.sys.list_policies()["data"]["policies"], "policies are per namespace")
        checks += 5
    # The root namespace's tokens may act in child namespaces (as in Vault), and see the keys through them.
    parent = hvac.Client(url=daemon.url, token=daemon.root_token, namespace="tenant-a")
    check("only-tenant-a" in parent.secrets.transit.list_keys()["data"]["keys"], "root token works in a child namespace")
    root.secrets.transit.create_key(name="root-key")
    check(root.secrets.transit.list_keys()["data"]["keys"] == ["root-key"], "the root namespace's transit mount is its own")
    daemon.stop()
    return {"isolation_checks": checks}


# --------------------------------------------------------------------------------------------------------------
# Fuzz: malformed and random requests. Every answer must be a 4xx (or a 2xx for requests that happen to be
# valid); never a 5xx, never a dropped connection for well-formed HTTP; the daemon stays up with flat memory.

def random_text(rng, length):
    alphabet = string.printable + "\u00e9\u2603\U0001F600\x00"
    return "".join(rng.choice(alphabet) for _ in range(length))


def random_json(rng, depth=0):
    kind = rng.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1, 2 ** 31, 2 ** 63, -(2 ** 63) - 1, 10 ** 30, 1.5, -0.0, 1e308])
    if kind == 3:
        return random_text(rng, rng.randrange(40))
    if kind == 4:
        return rng.choice(["", "vault:v1:", "AAAA", "vault:v1:AAAA", b64(os.urandom(12)), "====", "aGk", "vault:v99999999999999999999:AAAA"])
    if kind == 5:
        return [random_json(rng, depth + 1) for _ in range(rng.randrange(5))]
    return {rng.choice(FIELDS): random_json(rng, depth + 1) for _ in range(rng.randrange(6))}


FIELDS = ["plaintext", "ciphertext", "context", "nonce", "key_version", "batch_input", "type", "derived", "convergent_encryption",
          "exportable", "input", "signature", "hmac", "algorithm", "hash_algorithm", "marshaling_algorithm", "salt_length",
          "signature_algorithm", "prehashed", "bits", "format", "min_decryption_version", "min_encryption_version",
          "deletion_allowed", "auto_rotate_period", "policy", "policies", "ttl", "token", "associated_data", "reference",
          "partial_failure_response_code", "backup", "force", "hash_function", "min_available_version", "size",
          "key_size", "secret_shares", "secret_threshold", "key", "reset", "increment", "paths", "path", "config"]

# The fuzz runs with the root token; it leaves out the three requests that would end the run early (sealing,
# revoking the root token, unmounting the engine under test). Those are covered by the interop scenarios.
PATHS = [p for _, p, _ in ENDPOINTS if p not in ("sys/seal", "auth/token/revoke-self", "sys/mounts/transit")] + ["sys/health", "sys/seal-status", "sys/init", "sys/unseal", "transit/", "transit//keys",
                                        "transit/keys/", "transit/keys/../keys/k", "transit/keys/%2e%2e", "transit/keys/k%00",
                                        "transit/encrypt/" + "a" * 300, "transit/keys/k/unknown/deeper", "", "%ff%fe",
                                        "transit/datakey/other/k", "transit/random/sys/abc", "transit/hash/md5", "transit/hmac/k/sha1"]


def mutate_ciphertext(rng, ciphertext):
    prefix, version, body = ciphertext.split(":", 2)
    raw = bytearray(base64.b64decode(body))
    choice = rng.randrange(9)
    if choice == 0:
        return f"{prefix}:{version}:{b64(bytes(raw[:rng.randrange(len(raw))]))}"
    if choice == 1:
        raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
        return f"{prefix}:{version}:{b64(bytes(raw))}"
    if choice == 2:
        return f"{prefix}:v{rng.choice([0, 2, 3, 99, -1, 2 ** 40])}:{body}"
    if choice == 3:
        return f"{prefix}:{rng.choice(['v', 'v1a', 'V1', 'v01', 'v1 ', ''])}:{body}"
    if choice == 4:
        return f"{rng.choice(['vault', 'Vault', 'vault2', ''])}:{version}:{body}"
    if choice == 5:
        return f"{prefix}:{version}:{body[:-1]}"
    if choice == 6:
        return f"{prefix}:{version}:{body}{rng.choice(['=', '==', 'A', '!', ' ', '%'])}"
    if choice == 7:
        return f"{prefix}:{version}"
    return f"{prefix}:{version}:{b64(bytes(raw) + os.urandom(rng.randrange(1, 40)))}"


def fuzz_request(rng, daemon, ciphertexts, signatures):
    """One random request: (method, path, headers, body bytes)."""
    token = daemon.root_token if rng.random() < 0.9 else rng.choice(["", "hvs.", "x" * 5000, daemon.root_token + "x", "\u2603"])
    headers = {"X-Vault-Token": token}
    if rng.random() < 0.05:
        headers["X-Vault-Namespace"] = rng.choice(["", "/", "../", "nope", "a/b/c", "x" * 300, "tenant", "tenant/../.."])
    kind = rng.randrange(12)
    method = "POST"
    if kind == 0:  # not JSON at all, or truncated JSON
        path = rng.choice(PATHS)
        valid = json.dumps({"plaintext": b64(os.urandom(16)), "batch_input": [{"plaintext": "aGk="}]}).encode()
        body = rng.choice([os.urandom(rng.randrange(1, 200)), valid[: rng.randrange(1, len(valid))], b"{", b"[]", b"\"x\"", b"1",
                           b"{\"a\":1,}", b"{'a': 1}", b"\xef\xbb\xbf{}", b"{\"plaintext\": \"\\ud800\"}", b"nul", b"{\"a\":1}{}"])
    elif kind == 1:  # nesting
        depth = rng.choice([10, 64, 65, 100, 5000, 50000])
        body = (b"[" * depth + b"]" * depth) if rng.random() < 0.5 else (b"{\"a\":" * depth + b"1" + b"}" * depth)
        path = rng.choice(["transit/encrypt/k", "transit/keys/k", "sys/policy/p"])
    elif kind == 2:  # bad base64 or wrong types in encrypt and friends
        path = rng.choice(["transit/encrypt/k", "transit/encrypt/derived", "transit/decrypt/k", "transit/rewrap/k", "transit/hmac/hk",
                           "transit/sign/ed", "transit/verify/ed", "transit/hash", "transit/datakey/plaintext/k", "transit/random"])
        body = json.dumps({rng.choice(FIELDS): random_json(rng) for _ in range(rng.randrange(1, 5))}).encode()
    elif kind == 3:  # truncated, flipped and re-versioned ciphertexts
        path = "transit/decrypt/k" if rng.random() < 0.7 else "transit/rewrap/k"
        body = json.dumps({"ciphertext": mutate_ciphertext(rng, rng.choice(ciphertexts))}).encode()
    elif kind == 4:  # batches: mixed good and bad items, huge or wrongly typed
        size = rng.choice([0, 1, 10, 500, 5000])
        items = []
        for _ in range(size):
            item = rng.choice([{"plaintext": "aGk="}, {"ciphertext": mutate_ciphertext(rng, rng.choice(ciphertexts))}, {"ciphertext": rng.choice(ciphertexts)},
                               random_json(rng), "string", 7, None, {"plaintext": 1}, {"context": "!!"}])
            items.append(item)
        path = rng.choice(["transit/encrypt/k", "transit/decrypt/k", "transit/rewrap/k", "transit/sign/ed", "transit/verify/ed", "transit/hmac/hk"])
        body = json.dumps({"batch_input": items if rng.random() < 0.9 else rng.choice(["x", 1, {"a": 1}])}).encode()
    elif kind == 5:  # signatures mangled
        path = "transit/verify/ed"
        signature = rng.choice(signatures)
        body = json.dumps({"input": "aGk=", "signature": mutate_ciphertext(rng, signature) if rng.random() < 0.8 else signature,
                           rng.choice(FIELDS): random_json(rng)}).encode()
    elif kind == 6:  # random path, method and query
        method = rng.choice(["GET", "POST", "PUT", "DELETE", "LIST", "HEAD", "PATCH", "OPTIONS", "LOCK", "PROPFIND"])
        path = rng.choice(PATHS)
        if rng.random() < 0.3:
            path += "?" + rng.choice(["list=true", "list=maybe", "a=%ZZ", "token=x", "&&&", "list=true&list=false", "x=" + "y" * 2000])
        body = json.dumps(random_json(rng)).encode() if rng.random() < 0.5 else b""
    elif kind == 7:  # key configuration with wrong types and ranges
        path = rng.choice(["transit/keys/k/config", "transit/keys/fz", "transit/keys/k/trim", "transit/cache-config", "transit/config/keys"])
        body = json.dumps({rng.choice(FIELDS): random_json(rng) for _ in range(rng.randrange(1, 4))}).encode()
    elif kind == 8:  # policies and tokens
        path = rng.choice(["sys/policy/fz", "sys/policies/acl/fz", "auth/token/create", "auth/token/lookup", "auth/token/revoke", "sys/mounts/fz/x"])
        policy = rng.choice(["{", json.dumps({"path": random_json(rng)}), json.dumps({"path": {"*": {"capabilities": random_json(rng)}}}), "path \"x\" {}", random_text(rng, 30)])
        body = json.dumps({"policy": policy, "policies": random_json(rng), "ttl": random_json(rng), "token": random_json(rng), "type": random_json(rng)}).encode()
    elif kind == 9:  # import and restore with garbage
        path = rng.choice(["transit/keys/imp/import", "transit/keys/k/import_version", "transit/restore", "transit/restore/r"])
        body = json.dumps({"ciphertext": rng.choice([b64(os.urandom(rng.randrange(600))), "!!", 5]), "backup": rng.choice([b64(os.urandom(rng.randrange(300))), b64(b'{"policy":1}'), "x"]),
                           "type": rng.choice(["aes256-gcm96", "rsa-2048", "nope", 3]), "hash_function": rng.choice(["SHA256", "MD5", None])}).encode()
    elif kind == 10:  # unseal and init noise while unsealed
        path = rng.choice(["sys/unseal", "sys/init"])
        body = json.dumps({"key": rng.choice([os.urandom(33).hex(), "zz", b64(os.urandom(40)), "", 1]), "secret_shares": random_json(rng), "secret_threshold": random_json(rng)}).encode()
    else:  # valid operations, so the fuzz also interleaves real work
        path = rng.choice(["transit/encrypt/k", "transit/hmac/hk", "transit/sign/ed"])
        body = json.dumps({"plaintext": b64(os.urandom(rng.randrange(64))), "input": "aGk="}).encode()
    return method, path, headers, body


def raw_garbage(rng, daemon):
    """Malformed HTTP on a raw socket: NIO's parser answers 400 or closes; never a 5xx."""
    choice = rng.randrange(8)
    if choice == 0:
        payload = os.urandom(rng.randrange(1, 400))
    elif choice == 1:
        payload = b"POST /v1/transit/encrypt/k HTTP/1.1\r\nContent-Length: -5\r\n\r\n"
    elif choice == 2:
        payload = b"POST /v1/transit/encrypt/k HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"
    elif choice == 3:
        payload = b"GET /v1/sys/health HTTP/1.1\r\n" + b"X-Long: " + b"a" * 100_000 + b"\r\n\r\n"
    elif choice == 4:
        payload = b"LIST /v1/transit/keys HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
    elif choice == 5:
        payload = b"GET /v1/sys/health HTTP/9.9\r\n\r\n"
    elif choice == 6:
        payload = b"POST /v1/transit/encrypt/k HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"plaintext\""
    else:
        payload = b"LIST\r\n\r\nLIST /v1/ HTTP/1.1\r\n \r\n\r\n"
    with socket.create_connection(("127.0.0.1", daemon.port), timeout=10) as connection:
        try:
            connection.sendall(payload)
            connection.shutdown(socket.SHUT_WR)
            answer = b""
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                answer += chunk
        except (ConnectionResetError, BrokenPipeError, socket.timeout):
            answer = b""
    statuses = [int(line.split(b" ")[1]) for line in answer.split(b"\r\n") if line.startswith(b"HTTP/1.1 ") and len(line.split(b" ")) > 1]
    return statuses


def scenario_fuzz(binary, total=10_500):
    daemon = Daemon(binary, "dev").start()
    client = hvac.Client(url=daemon.url, token=daemon.root_token)
    client.secrets.transit.create_key(name="k")
    client.secrets.transit.create_key(name="derived", derived=True)
    client.secrets.transit.create_key(name="ed", key_type="ed25519")
    client.write("transit/keys/hk", type="hmac")
    client.sys.create_namespace(path="tenant")
    # No fuzzed path names this key. The fuzz may legitimately set deletion_allowed on "k" and then delete it,
    # so "k" itself cannot serve as the witness that hostile input changed nothing it should not.
    client.secrets.transit.create_key(name="sentinel")
    sentinel_plaintexts = [os.urandom(n) for n in (0, 1, 16, 100)]
    sentinels = [client.secrets.transit.encrypt_data(name="sentinel", plaintext=b64(p))["data"]["ciphertext"] for p in sentinel_plaintexts]
    ciphertexts = [client.secrets.transit.encrypt_data(name="k", plaintext=b64(os.urandom(n)))["data"]["ciphertext"] for n in (0, 1, 16, 100)]
    signatures = [client.secrets.transit.sign_data(name="ed", hash_input="aGk=")["data"]["signature"]]
    rng = random.Random(random.randrange(1 << 32))
    session = requests.Session()
    statuses = {}
    samples = []
    started = time.time()
    for index in range(total):
        if index % 1000 == 999:
            check(daemon.alive(), "daemon alive")
            samples.append(daemon.rss_kib())
        if index % 50 == 49:
            for status in raw_garbage(rng, daemon):
                check(status < 500, f"raw request answered {status}")
                statuses[status] = statuses.get(status, 0) + 1
            continue
        method, path, headers, body = fuzz_request(rng, daemon, ciphertexts, signatures)
        try:
            response = session.request(method, f"{daemon.url}/v1/{path}", headers={k: v.encode() for k, v in headers.items()}, data=body, timeout=120)
        except requests.ConnectionError as error:
            raise AssertionError(f"connection failed on {method} {path}: {error}") from None
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        check(response.status_code < 500, f"{method} {path} answered {response.status_code}: {response.text[:200]!r} for body {body[:200]!r}")
        if response.status_code >= 400 and method != "HEAD":
            check(response.headers.get("Content-Type") == "application/json", f"{method} {path}: error content type")
            answer = response.json()
            # Either Vault's error body, or (a batch with failed items) the batch results with an error per item.
            batch = (answer.get("data") or {}).get("batch_results")
            check(isinstance(answer.get("errors"), list) or (isinstance(batch, list) and any("error" in item for item in batch)),
                  f"{method} {path}: error body {response.text[:200]!r}")
    # Oversized bodies: 413 before anything is parsed.
    response = session.post(f"{daemon.url}/v1/transit/encrypt/k", headers={"X-Vault-Token": daemon.root_token}, data=b"{" + b" " * (33 << 20) + b"}")
    check(response.status_code == 413, f"33 MiB body answered {response.status_code}")
    check(daemon.alive(), "daemon survived the fuzz run")
    # Still fully functional, and nothing it was fed changed a key it never named.
    for plaintext, ciphertext in zip(sentinel_plaintexts, sentinels):
        answer = client.secrets.transit.decrypt_data(name="sentinel", ciphertext=ciphertext)["data"]["plaintext"]
        check(base64.b64decode(answer) == plaintext, "sentinel ciphertext decrypts to what was encrypted")
    # Memory: after warm-up, resident size stays flat (allocator noise aside).
    warm, final = samples[2], samples[-1]
    check(final - warm < 16 * 1024, f"RSS grew from {warm} KiB to {final} KiB")
    daemon.stop()
    return {"requests": total, "statuses": {str(k): v for k, v in sorted(statuses.items())}, "rss_kib": samples,
            "seconds": round(time.time() - started, 1)}


SCENARIOS = {
    "policy_denied": scenario_policy_denied,
    "namespaces": scenario_namespaces,
    "fuzz": scenario_fuzz,
}

if __name__ == "__main__":
    sys.exit(run_scenarios(__doc__, SCENARIOS))
