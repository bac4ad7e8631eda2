#!/usr/bin/env python3
"""keyserviced against independent clients: hvac 2.4.0, Tink 1.16 (hcvault), Python's `cryptography` as a
ciphertext oracle, and pyshamir (Vault's Shamir split/combine).

Each scenario starts its own real keyserviced and talks to it over HTTP only. Prints one JSON line per scenario;
exits non-zero on the first failure.
"""

import base64
import hashlib
import hmac as hmac_module
import json
import os
import random
import sys

import hvac
import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.keywrap import aes_key_wrap_with_padding

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon import Daemon, Failure, b64, check, raises, run_scenarios, unb64  # noqa: E402


def dev(binary):
    return Daemon(binary, "dev").start()


# --------------------------------------------------------------------------------------------------------------
def scenario_hvac_transit(binary):
    daemon = dev(binary)
    client = hvac.Client(url=daemon.url, token=daemon.root_token)
    transit = client.secrets.transit
    check(client.is_authenticated(), "is_authenticated with the root token")
    check(not hvac.Client(url=daemon.url, token="hvs.nope").is_authenticated(), "is_authenticated with a bad token")
    calls = 0

    # Keys of every type hvac accepts.
    for key_type in ["aes256-gcm96", "chacha20-poly1305", "ed25519", "ecdsa-p256", "ecdsa-p384", "rsa-2048"]:
        transit.create_key(name=f"k-{key_type}", key_type=key_type, exportable=True, allow_plaintext_backup=True)
        info = transit.read_key(name=f"k-{key_type}")["data"]
        check(info["type"] == key_type and info["latest_version"] == 1, f"read_key {key_type}")
        calls += 2
    # Types hvac refuses client-side are created through the generic write.
    client.write("transit/keys/k-aes128", type="aes128-gcm96")
    client.write("transit/keys/k-hmac", type="hmac", key_size=48)
    keys = transit.list_keys()["data"]["keys"]
    check("k-aes128" in keys and "k-hmac" in keys and len(keys) == 8, f"list_keys {keys}")
    raises(hvac.exceptions.InvalidPath, lambda: transit.read_key(name="missing"), "read_key of a missing key")

    # Encrypt, decrypt, rewrap; single and batch; context and associated data.
    version_one = {}
    for name in ["k-aes256-gcm96", "k-chacha20-poly1305", "k-aes128", "k-rsa-2048"]:
        # RSA-2048 with OAEP-SHA-256 holds at most 190 bytes (Vault refuses more, and so do we).
        plaintext = os.urandom(random.randint(0, 190 if "rsa" in name else 200))
        ciphertext = transit.encrypt_data(name=name, plaintext=b64(plaintext))["data"]["ciphertext"]
        version_one[name] = ciphertext
        check(unb64(transit.decrypt_data(name=name, ciphertext=ciphertext)["data"]["plaintext"]) == plaintext, f"decrypt {name}")
        transit.rotate_key(name=name)
        rewrapped = transit.rewrap_data(name=name, ciphertext=ciphertext)["data"]["ciphertext"]
        check(rewrapped.startswith("vault:v2:"), f"rewrap {name}")
        check(unb64(transit.decrypt_data(name=name, ciphertext=rewrapped)["data"]["plaintext"]) == plaintext, f"decrypt rewrapped {name}")
        batch = [{"plaintext": b64(os.urandom(16)), "reference": f"ref-{i}"} for i in range(20)]
        results = transit.encrypt_data(name=name, plaintext=None, batch_input=batch)["data"]["batch_results"]
        check([r["reference"] for r in results] == [f"ref-{i}" for i in range(20)], "batch keeps order and references")
        decrypted = transit.decrypt_data(name=name, ciphertext=None, batch_input=[{"ciphertext": r["ciphertext"]} for r in results])["data"]["batch_results"]
        check([unb64(d["plaintext"]) for d in decrypted] == [unb64(b["plaintext"]) for b in batch], f"batch decrypt {name}")
        rewrapped_batch = transit.rewrap_data(name=name, ciphertext=None, batch_input=[{"ciphertext": r["ciphertext"]} for r in results])["data"]["batch_results"]
        check(all(r["ciphertext"].startswith("vault:v2:") for r in rewrapped_batch), "batch rewrap")
        calls += 8
    aad = b64(b"message header")
    with_aad = transit.encrypt_data(name="k-aes256-gcm96", plaintext=b64(b"x"), associated_data=aad)["data"]["ciphertext"]
    check(unb64(transit.decrypt_data(name="k-aes256-gcm96", ciphertext=with_aad, associated_data=aad)["data"]["plaintext"]) == b"x", "associated data")
    raises(hvac.exceptions.InvalidRequest, lambda: transit.decrypt_data(name="k-aes256-gcm96", ciphertext=with_aad), "decrypt without the associated data")
    raises(hvac.exceptions.InvalidRequest, lambda: transit.decrypt_data(name="k-aes256-gcm96", ciphertext="vault:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "garbage ciphertext")
    raises(hvac.exceptions.InvalidRequest, lambda: transit.decrypt_data(name="k-aes256-gcm96", ciphertext="vault:v9:AAAA"), "future version")
    # A batch with one bad item: 400, results still returned.
    try:
        transit.decrypt_data(name="k-aes256-gcm96", ciphertext=None, batch_input=[{"ciphertext": with_aad, "associated_data": aad}, {"ciphertext": "vault:v1:bad"}])
        raise Failure("a failed batch item must fail the request")
    except hvac.exceptions.InvalidRequest as error:
        check(error.json and len(error.json["data"]["batch_results"]) == 2, "batch failure keeps batch_results")

    # Derived and convergent keys.
    transit.create_key(name="derived", derived=True, convergent_encryption=True)
    context = b64(b"tenant-42")
    first = transit.encrypt_data(name="derived", plaintext=b64(b"same"), context=context)["data"]["ciphertext"]
    second = transit.encrypt_data(name="derived", plaintext=b64(b"same"), context=context)["data"]["ciphertext"]
    check(first == second, "convergent encryption is deterministic")
    raises(hvac.exceptions.InvalidRequest, lambda: transit.encrypt_data(name="derived", plaintext=b64(b"x")), "derived key without context")

    # Key configuration, min versions, trim, delete.
    transit.update_key_configuration(name="k-aes256-gcm96", min_decryption_version=2, deletion_allowed=True)
    raises(hvac.exceptions.InvalidRequest, lambda: transit.decrypt_data(name="k-aes256-gcm96", ciphertext=version_one["k-aes256-gcm96"]), "below min_decryption_version")
    check(unb64(transit.decrypt_data(name="k-aes256-gcm96", ciphertext=with_aad, associated_data=aad)["data"]["plaintext"]) == b"x", "version 2 still decrypts")
    transit.update_key_configuration(name="k-aes256-gcm96", min_encryption_version=2)
    transit.trim_key(name="k-aes256-gcm96", min_version=2)
    check(list(transit.read_key(name="k-aes256-gcm96")["data"]["keys"]) == ["2"], "trim")
    transit.delete_key(name="k-aes256-gcm96")
    raises(hvac.exceptions.InvalidPath, lambda: transit.read_key(name="k-aes256-gcm96"), "deleted")
    raises(hvac.exceptions.InvalidRequest, lambda: transit.delete_key(name="k-ed25519"), "deletion not allowed")

    # Data keys, random, hash, HMAC.
    datakey = transit.generate_data_key(name="k-chacha20-poly1305", key_type="plaintext", bits=512)["data"]
    check(len(unb64(datakey["plaintext"])) == 64, "datakey size")
    check(unb64(transit.decrypt_data(name="k-chacha20-poly1305", ciphertext=datakey["ciphertext"])["data"]["plaintext"]) == unb64(datakey["plaintext"]), "datakey decrypts")
    check("plaintext" not in transit.generate_data_key(name="k-chacha20-poly1305", key_type="wrapped")["data"], "wrapped datakey")
    check(len(unb64(transit.generate_random_bytes(n_bytes=48)["data"]["random_bytes"])) == 48, "random")
    check(len(transit.generate_random_bytes(n_bytes=16, output_format="hex")["data"]["random_bytes"]) == 32, "random hex")
    for algorithm in ["sha2-224", "sha2-256", "sha2-384", "sha2-512"]:
        digest = transit.hash_data(hash_input=b64(b"abc"), algorithm=algorithm)["data"]["sum"]
        check(digest == hashlib.new(algorithm.replace("sha2-", "sha"), b"abc").hexdigest(), f"hash {algorithm}")
        mac = transit.generate_hmac(name="k-hmac", hash_input=b64(b"abc"), algorithm=algorithm)["data"]["hmac"]
        check(transit.verify_signed_data(name="k-hmac", hash_input=b64(b"abc"), hmac=mac, hash_algorithm=algorithm)["data"]["valid"], f"hmac {algorithm}")
        check(not transit.verify_signed_data(name="k-hmac", hash_input=b64(b"abd"), hmac=mac, hash_algorithm=algorithm)["data"]["valid"], f"hmac {algorithm} negative")

    # Sign and verify; independently verified with `cryptography` from the exported public keys.
    message = b"sign this"
    for name in ["k-ed25519", "k-ecdsa-p256", "k-ecdsa-p384", "k-rsa-2048"]:
        options = [{}]
        if "ecdsa" in name:
            options += [{"marshaling_algorithm": "jws"}, {"hash_algorithm": "sha2-512"}]
        if "rsa" in name:
            options += [{"signature_algorithm": "pkcs1v15"}, {"salt_length": "hash"}, {"hash_algorithm": "sha2-384"}]
        for option in options:
            signature = transit.sign_data(name=name, hash_input=b64(message), **option)["data"]["signature"]
            check(transit.verify_signed_data(name=name, hash_input=b64(message), signature=signature, **option)["data"]["valid"], f"verify {name} {option}")
            check(not transit.verify_signed_data(name=name, hash_input=b64(b"other"), signature=signature, **option)["data"]["valid"], f"verify {name} negative")
            verify_independently(transit, name, message, signature, option)
        batch = transit.sign_data(name=name, hash_input=None, batch_input=[{"input": b64(b"a")}, {"input": b64(b"b")}])["data"]["batch_results"]
        check(len(batch) == 2 and all(item["signature"].startswith("vault:v") for item in batch), f"batch sign {name}")

    # Export, backup, restore.
    exported = transit.export_key(name="k-chacha20-poly1305", key_type="encryption-key")["data"]["keys"]
    check(sorted(exported) == ["1", "2"] and all(len(unb64(v)) == 32 for v in exported.values()), "export encryption-key")
    check("BEGIN EC PRIVATE KEY" in transit.export_key(name="k-ecdsa-p256", key_type="signing-key", version="latest")["data"]["keys"]["1"], "export signing-key")
    backup = transit.backup_key(name="k-chacha20-poly1305")["data"]["backup"]
    transit.restore_key(backup=backup, name="restored-chacha")
    check(transit.read_key(name="restored-chacha")["data"]["latest_version"] == 2, "restore")
    raises(hvac.exceptions.InvalidRequest, lambda: transit.restore_key(backup=backup, name="restored-chacha"), "restore over an existing key")
    transit.restore_key(backup=backup, name="restored-chacha", force=True)

    # A mount at a multi-segment path.
    client.sys.enable_secrets_engine(backend_type="transit", path="teams/billing/transit")
    check("teams/billing/transit/" in client.sys.list_mounted_secrets_engines()["data"], "multi-segment mount listed")
    transit.create_key(name="invoices", mount_point="teams/billing/transit")
    ciphertext = transit.encrypt_data(name="invoices", plaintext=b64(b"x"), mount_point="teams/billing/transit")["data"]["ciphertext"]
    check(unb64(transit.decrypt_data(name="invoices", ciphertext=ciphertext, mount_point="teams/billing/transit")["data"]["plaintext"]) == b"x", "multi-segment mount")
    raises(hvac.exceptions.InvalidPath, lambda: transit.read_key(name="invoices"), "keys are per mount")
    client.sys.disable_secrets_engine(path="teams/billing/transit")
    daemon.stop()
    return {"hvac_calls": "all transit methods", "key_types": 8}


def verify_independently(transit, name, message, signature, option):
    _, version, raw = signature.split(":", 2)
    public = transit.read_key(name=name)["data"]["keys"][version[1:]]["public_key"]
    if name == "k-ed25519":
        ed25519.Ed25519PublicKey.from_public_bytes(unb64(public)).verify(unb64(raw), message)
        return
    key = serialization.load_pem_public_key(public.encode())
    algorithm = {"sha2-256": hashes.SHA256(), "sha2-384": hashes.SHA384(), "sha2-512": hashes.SHA512()}[option.get("hash_algorithm", "sha2-256")]
    if "ecdsa" in name:
        if option.get("marshaling_algorithm") == "jws":
            data = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
            half = len(data) // 2
            from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
            der = encode_dss_signature(int.from_bytes(data[:half], "big"), int.from_bytes(data[half:], "big"))
        else:
            der = unb64(raw)
        key.verify(der, message, ec.ECDSA(algorithm))
    else:
        if option.get("signature_algorithm") == "pkcs1v15":
            key.verify(unb64(raw), message, padding.PKCS1v15(), algorithm)
        else:
            key.verify(unb64(raw), message, padding.PSS(mgf=padding.MGF1(algorithm), salt_length=padding.PSS.AUTO), algorithm)


# --------------------------------------------------------------------------------------------------------------
def scenario_hvac_sys(binary):
    daemon = Daemon(binary, "server").start()
    client = hvac.Client(url=daemon.url)
    check(not client.sys.is_initialized(), "not initialized")
    raises(hvac.exceptions.VaultNotInitialized, lambda: hvac.Client(url=daemon.url, token="x").secrets.transit.list_keys(), "501 before init")
    result = client.sys.initialize(secret_shares=5, secret_threshold=3)
    check(len(result["keys"]) == 5 and len(result["keys_base64"]) == 5 and result["root_token"], "init response")
    check(client.sys.is_initialized() and client.sys.is_sealed(), "initialized and sealed")
    status = client.sys.read_seal_status()
    check(status["t"] == 3 and status["n"] == 5 and status["progress"] == 0 and status["type"] == "shamir", f"seal status {status}")
    raises(hvac.exceptions.VaultDown, lambda: hvac.Client(url=daemon.url, token=result["root_token"]).secrets.transit.list_keys(), "503 while sealed")
    check(client.sys.submit_unseal_key(result["keys"][0])["progress"] == 1, "progress 1")
    check(client.sys.submit_unseal_key(reset=True)["progress"] == 0, "reset")
    final = client.sys.submit_unseal_keys([result["keys"][4], result["keys_base64"][1], result["keys"][2]])
    check(final["sealed"] is False and not client.sys.is_sealed(), "unsealed with hex and base64 shares")
    health = client.sys.read_health_status(method="GET")
    check(health["initialized"] and not health["sealed"], "health")
    client.token = result["root_token"]
    check(client.is_authenticated(), "root token")
    check(client.sys.list_mounted_secrets_engines()["data"] == {}, "no mounts yet")
    client.sys.enable_secrets_engine(backend_type="transit")
    client.secrets.transit.create_key(name="k")
    ciphertext = client.secrets.transit.encrypt_data(name="k", plaintext=b64(b"before seal"))["data"]["ciphertext"]

    # Policies, tokens.
    policy = {"path": {"transit/encrypt/k": {"capabilities": ["update"]}, "transit/decrypt/k": {"capabilities": ["update"]}}}
    client.sys.create_or_update_policy(name="app", policy=policy)
    check("app" in client.sys.list_policies()["data"]["policies"], "list_policies")
    check(json.loads(client.sys.read_policy(name="app")["data"]["rules"]) == policy, "read_policy")
    client.sys.create_or_update_acl_policy(name="other", policy=json.dumps({"path": {"sys/mounts": {"capabilities": ["read"]}}}))
    check("other" in client.sys.list_acl_policies()["data"]["keys"], "list_acl_policies")
    check(client.sys.read_acl_policy(name="other")["data"]["name"] == "other", "read_acl_policy")
    client.sys.delete_acl_policy(name="other")
    token = client.auth.token.create(policies=["app"], ttl="1h")["auth"]
    check(token["policies"] == ["app", "default"] and token["lease_duration"] == 3600, f"token create {token}")
    app = hvac.Client(url=daemon.url, token=token["client_token"])
    self_info = app.auth.token.lookup_self()["data"]
    check(self_info["policies"] == ["app", "default"] and self_info["ttl"] <= 3600, "lookup_self")
    check(unb64(app.secrets.transit.decrypt_data(name="k", ciphertext=ciphertext)["data"]["plaintext"]) == b"before seal", "app decrypt")
    raises(hvac.exceptions.Forbidden, lambda: app.secrets.transit.read_key(name="k"), "app cannot read keys")
    raises(hvac.exceptions.Forbidden, lambda: app.sys.list_mounted_secrets_engines(), "app cannot list mounts")
    check(client.auth.token.lookup(token=token["client_token"])["data"]["accessor"] == token["accessor"], "lookup")
    app.auth.token.renew_self(increment="30m")
    client.auth.token.revoke(token=token["client_token"])
    check(not app.is_authenticated(), "revoked")
    client.sys.delete_policy(name="app")

    # Seal: 503 from then on; unseal again with a different subset.
    client.sys.seal()
    check(client.sys.is_sealed(), "sealed")
    raises(hvac.exceptions.VaultDown, lambda: client.secrets.transit.list_keys(), "sealed transit")
    client.sys.submit_unseal_keys([result["keys"][1], result["keys"][3], result["keys"][0]])
    check(unb64(client.secrets.transit.decrypt_data(name="k", ciphertext=ciphertext)["data"]["plaintext"]) == b"before seal", "after unseal")
    raises(hvac.exceptions.InvalidRequest, lambda: client.sys.initialize(secret_shares=1, secret_threshold=1), "second init")
    daemon.stop()
    return {"shares": 5, "threshold": 3}


# --------------------------------------------------------------------------------------------------------------
def scenario_tink(binary):
    import tink
    from tink import aead
    from tink.integration import hcvault

    aead.register()
    daemon = dev(binary)
    client = hvac.Client(url=daemon.url, token=daemon.root_token)
    client.secrets.transit.create_key(name="tink-kek")
    remote = hcvault.new_aead("transit/keys/tink-kek", client)
    envelope = aead.KmsEnvelopeAead(aead.aead_key_templates.AES256_GCM, remote)
    for size in [0, 1, 100, 10_000]:
        plaintext = os.urandom(size)
        for associated in [b"", b"chat-message-7"]:
            ciphertext = envelope.encrypt(plaintext, associated)
            check(envelope.decrypt(ciphertext, associated) == plaintext, f"tink envelope {size}")
    ciphertext = envelope.encrypt(b"keep", b"")
    # Tink's format: 4-byte big-endian length of the wrapped key, the `vault:v1:` string, then the DEK ciphertext.
    length = int.from_bytes(ciphertext[:4], "big")
    wrapped = ciphertext[4:4 + length]
    check(wrapped.startswith(b"vault:v1:"), "Tink stores the Transit ciphertext as the wrapped key")
    corrupted = bytearray(ciphertext)
    corrupted[4 + length - 3] ^= 0x01
    try:
        envelope.decrypt(bytes(corrupted), b"")
        raise Failure("a corrupted wrapped key must fail")
    except tink.TinkError:
        pass
    # After rotation the old envelope still opens, through the Transit key's older version.
    client.secrets.transit.rotate_key(name="tink-kek")
    check(envelope.decrypt(ciphertext, b"") == b"keep", "decrypt after rotation")
    check(envelope.encrypt(b"new", b"")[4:4 + 9] == b"vault:v2:", "new envelopes use v2")
    # Upsert: a KEK that does not exist yet is created by the first encrypt (Tink sends context="").
    fresh = aead.KmsEnvelopeAead(aead.aead_key_templates.AES256_GCM, hcvault.new_aead("transit/keys/tink-upsert", client))
    sealed = fresh.encrypt(b"first", b"")
    check(fresh.decrypt(sealed, b"") == b"first", "upserted KEK round-trips")
    check(client.secrets.transit.read_key(name="tink-upsert")["data"]["derived"] is False, "Tink's upserted key is not derived")
    # A token whose policy only allows encrypt/decrypt on the KEK (the usual BYOK grant) works with Tink.
    client.sys.create_or_update_policy(name="kek-user", policy={"path": {"transit/encrypt/tink-kek": {"capabilities": ["update"]},
                                                                          "transit/decrypt/tink-kek": {"capabilities": ["update"]}}})
    limited = hvac.Client(url=daemon.url, token=client.auth.token.create(policies=["kek-user"])["auth"]["client_token"])
    narrow = aead.KmsEnvelopeAead(aead.aead_key_templates.AES256_GCM, hcvault.new_aead("transit/keys/tink-kek", limited))
    check(narrow.decrypt(ciphertext, b"") == b"keep", "least-privilege token decrypts")
    check(narrow.decrypt(narrow.encrypt(b"x", b"ad"), b"ad") == b"x", "least-privilege token encrypts")
    daemon.stop()
    return {"envelopes": 12}


# --------------------------------------------------------------------------------------------------------------
def byok_payload(public_pem, target, hash_algorithm=hashes.SHA256()):
    """Vault's BYOK wrapping, done with `cryptography` only."""
    wrapping = serialization.load_pem_public_key(public_pem.encode())
    ephemeral = os.urandom(32)
    wrapped_ephemeral = wrapping.encrypt(ephemeral, padding.OAEP(mgf=padding.MGF1(hash_algorithm), algorithm=hash_algorithm, label=None))
    return b64(wrapped_ephemeral + aes_key_wrap_with_padding(ephemeral, target))


def vault_body(ciphertext):
    return unb64(ciphertext.split(":", 2)[2])


def scenario_oracle(binary):
    daemon = dev(binary)
    client = hvac.Client(url=daemon.url, token=daemon.root_token)
    public_pem = client.read("transit/wrapping_key")["data"]["public_key"]
    check(serialization.load_pem_public_key(public_pem.encode()).key_size == 4096, "RSA-4096 wrapping key")
    checked = 0
    for key_type, size, cipher in [("aes256-gcm96", 32, AESGCM), ("aes128-gcm96", 16, AESGCM), ("chacha20-poly1305", 32, ChaCha20Poly1305)]:
        for hash_name, hash_algorithm in [("SHA256", hashes.SHA256()), ("SHA1", hashes.SHA1()), ("SHA512", hashes.SHA512())]:
            name = f"oracle-{key_type}-{hash_name}"
            key = os.urandom(size)
            client.write(f"transit/keys/{name}/import", ciphertext=byok_payload(public_pem, key, hash_algorithm), type=key_type, hash_function=hash_name)
            # Daemon encrypts, Python decrypts.
            for plaintext, aad in [(b"", None), (os.urandom(1000), b"aad")]:
                body = {"plaintext": b64(plaintext)}
                if aad:
                    body["associated_data"] = b64(aad)
                raw = vault_body(client.write(f"transit/encrypt/{name}", **body)["data"]["ciphertext"])
                check(cipher(key).decrypt(raw[:12], raw[12:], aad) == plaintext, f"python decrypts {name}")
                # Python encrypts, daemon decrypts.
                nonce = os.urandom(12)
                mine = "vault:v1:" + b64(nonce + cipher(key).encrypt(nonce, plaintext, aad))
                decrypt_body = {"ciphertext": mine}
                if aad:
                    decrypt_body["associated_data"] = b64(aad)
                check(unb64(client.write(f"transit/decrypt/{name}", **decrypt_body)["data"]["plaintext"]) == plaintext, f"daemon decrypts {name}")
                checked += 2
    # Derived and convergent keys: HKDF-SHA256(ikm = key, no salt, info = context); the convergent nonce is
    # HMAC-SHA256 under the next 32 HKDF bytes over the plaintext, first 12 bytes.
    key = os.urandom(32)
    client.write("transit/keys/oracle-convergent/import", ciphertext=byok_payload(public_pem, key), derived=True, convergent_encryption=True)
    client.write("transit/keys/oracle-derived/import", ciphertext=byok_payload(public_pem, key), derived=True)
    for context in [b"tenant-1", b"tenant-2"]:
        material = HKDF(algorithm=hashes.SHA256(), length=64, salt=None, info=context).derive(key)
        plaintext = b"convergent plaintext"
        raw = vault_body(client.write("transit/encrypt/oracle-convergent", plaintext=b64(plaintext), context=b64(context))["data"]["ciphertext"])
        expected_nonce = hmac_module.new(material[32:], plaintext, hashlib.sha256).digest()[:12]
        check(raw[:12] == expected_nonce, "convergent nonce derivation")
        check(AESGCM(material[:32]).decrypt(raw[:12], raw[12:], None) == plaintext, "python decrypts convergent")
        raw = vault_body(client.write("transit/encrypt/oracle-derived", plaintext=b64(plaintext), context=b64(context))["data"]["ciphertext"])
        check(AESGCM(material[:32]).decrypt(raw[:12], raw[12:], None) == plaintext, "python decrypts derived")
        nonce = os.urandom(12)
        mine = "vault:v1:" + b64(nonce + AESGCM(material[:32]).encrypt(nonce, b"from python", None))
        check(unb64(client.write("transit/decrypt/oracle-derived", ciphertext=mine, context=b64(context))["data"]["plaintext"]) == b"from python", "daemon decrypts derived")
        checked += 4
    # Asymmetric imports: PKCS#8 from `cryptography`, signatures checked by `cryptography`.
    for key_type, private in [("ecdsa-p256", ec.generate_private_key(ec.SECP256R1())), ("ed25519", ed25519.Ed25519PrivateKey.generate()),
                              ("rsa-2048", rsa.generate_private_key(public_exponent=65537, key_size=2048))]:
        der = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        client.write(f"transit/keys/imported-{key_type}/import", ciphertext=byok_payload(public_pem, der), type=key_type)
        signature = unb64(client.write(f"transit/sign/imported-{key_type}", input=b64(b"m"))["data"]["signature"].split(":", 2)[2])
        public = private.public_key()
        if key_type == "ed25519":
            public.verify(signature, b"m")
        elif key_type.startswith("ecdsa"):
            public.verify(signature, b"m", ec.ECDSA(hashes.SHA256()))
        else:
            public.verify(signature, b"m", padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO), hashes.SHA256())
        checked += 1
    daemon.stop()
    return {"oracle_checks": checked}


# --------------------------------------------------------------------------------------------------------------
def scenario_pyshamir(binary):
    """Shares from sys/init combine in pyshamir to the unseal key, and pyshamir's own shares of it unseal us.

    Nothing is exposed for this: if pyshamir's combine were wrong, its re-split shares could not unseal.
    """
    import pyshamir

    rounds = 0
    for shares, threshold in [(5, 3), (3, 2), (10, 7)]:
        daemon = Daemon(binary, "server").start()
        client = hvac.Client(url=daemon.url)
        result = client.sys.initialize(secret_shares=shares, secret_threshold=threshold)
        ours = [bytes.fromhex(key) for key in result["keys"]]
        subset = random.sample(ours, threshold)
        unseal_key = bytes(pyshamir.combine([bytearray(part) for part in subset]))
        check(len(unseal_key) == 32, "pyshamir combines our shares to a 32-byte key")
        check(bytes(pyshamir.combine([bytearray(part) for part in random.sample(ours, threshold)])) == unseal_key, "any subset gives the same key")
        theirs = pyshamir.split(unseal_key, shares, threshold)
        final = client.sys.submit_unseal_keys([bytes(part).hex() for part in random.sample(theirs, threshold)])
        check(final["sealed"] is False, "pyshamir's shares unseal keyserviced")
        client.token = result["root_token"]
        client.sys.seal()
        # A second, fresh split by pyshamir unseals as well.
        theirs = pyshamir.split(unseal_key, shares, threshold)
        client.sys.submit_unseal_keys([bytes(part).hex() for part in random.sample(theirs, threshold)])
        check(not client.sys.is_sealed(), "unsealed again")
        daemon.stop()
        rounds += 1
    return {"rounds": rounds}


# --------------------------------------------------------------------------------------------------------------
def scenario_tls(binary):
    """With a certificate configured the listener speaks TLS 1.3 and nothing older; hvac works over it."""
    import datetime
    import ipaddress
    import socket
    import ssl
    import tempfile

    from cryptography import x509
    from cryptography.x509.oid import NameOID

    directory = tempfile.mkdtemp(prefix="keyserviced-tls-")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "keyserviced test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_file, key_file = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_file, "wb") as handle:
        handle.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    os.chmod(key_file, 0o600)

    daemon = Daemon(binary, "server")
    daemon.config_overrides = {"listener": {"address": "127.0.0.1", "port": 0, "tls_cert_file": cert_file, "tls_key_file": key_file}}
    daemon.start()
    url = f"https://127.0.0.1:{daemon.port}"
    client = hvac.Client(url=url, verify=cert_file)
    result = client.sys.initialize(secret_shares=1, secret_threshold=1)
    client.sys.submit_unseal_key(result["keys"][0])
    client.token = result["root_token"]
    client.sys.enable_secrets_engine(backend_type="transit")
    client.secrets.transit.create_key(name="k")
    ciphertext = client.secrets.transit.encrypt_data(name="k", plaintext=b64(b"over tls"))["data"]["ciphertext"]
    check(unb64(client.secrets.transit.decrypt_data(name="k", ciphertext=ciphertext)["data"]["plaintext"]) == b"over tls", "hvac over TLS")

    context = ssl.create_default_context(cafile=cert_file)
    with socket.create_connection(("127.0.0.1", daemon.port)) as raw, context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        check(tls.version() == "TLSv1.3", f"negotiated {tls.version()}")
    old = ssl.create_default_context(cafile=cert_file)
    old.maximum_version = ssl.TLSVersion.TLSv1_2
    try:
        with socket.create_connection(("127.0.0.1", daemon.port)) as raw, old.wrap_socket(raw, server_hostname="127.0.0.1"):
            raise Failure("a TLS 1.2 handshake succeeded")
    except ssl.SSLError:
        pass
    # Plain HTTP to the TLS port gets no HTTP answer.
    try:
        plain = requests.get(f"http://127.0.0.1:{daemon.port}/v1/sys/health", timeout=10)
        raise Failure(f"plain HTTP answered {plain.status_code}")
    except requests.ConnectionError:
        pass
    daemon.stop()
    return {"tls": "1.3 only"}


SCENARIOS = {
    "hvac_transit": scenario_hvac_transit,
    "hvac_sys": scenario_hvac_sys,
    "tink": scenario_tink,
    "oracle": scenario_oracle,
    "pyshamir": scenario_pyshamir,
    "tls": scenario_tls,
}


if __name__ == "__main__":
    sys.exit(run_scenarios(__doc__, SCENARIOS))
