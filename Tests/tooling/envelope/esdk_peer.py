"""The AWS Encryption SDK for Python (aws-encryption-sdk 4.0.7) as an independent peer for the Envelope module.

Usage: esdk_peer.py MANIFEST.json

The manifest (written by Tests/EnvelopeTests/ESDKInteropTests.swift) names a directory, the wrapping keys, and
cases. For each case this script
  1. decrypts the message the Swift side wrote (`swift_message`) and checks the plaintext and encryption context,
  2. if `bitflip` is set, flips every bit of that message in turn and checks that each variant is refused,
  3. encrypts the case's plaintext with the case's keyring, suite and frame length into `python_message`
     (with a non-committing suite when the case is `legacy`).
Raw AES and raw RSA keyrings are the SDK's raw master keys (the same wire format); a multi-keyring is a master key
with a second one added as a member. Prints one JSON line: {"ok": true, ...} or {"ok": false, "error": ...}.
"""
import json
import os
import sys

import aws_encryption_sdk
from aws_encryption_sdk import CommitmentPolicy
from aws_encryption_sdk.identifiers import Algorithm, EncryptionKeyType, WrappingAlgorithm
from aws_encryption_sdk.internal.crypto.wrapping_keys import WrappingKey
from aws_encryption_sdk.key_providers.raw import RawMasterKey

RSA_ALGORITHMS = {
    "rsa-pkcs1": WrappingAlgorithm.RSA_PKCS1,
    "rsa-oaep-sha1": WrappingAlgorithm.RSA_OAEP_SHA1_MGF1,
    "rsa-oaep-sha256": WrappingAlgorithm.RSA_OAEP_SHA256_MGF1,
    "rsa-oaep-sha384": WrappingAlgorithm.RSA_OAEP_SHA384_MGF1,
    "rsa-oaep-sha512": WrappingAlgorithm.RSA_OAEP_SHA512_MGF1,
}
AES_ALGORITHMS = {16: WrappingAlgorithm.AES_128_GCM_IV12_TAG16_NO_PADDING, 24: WrappingAlgorithm.AES_192_GCM_IV12_TAG16_NO_PADDING,
                  32: WrappingAlgorithm.AES_256_GCM_IV12_TAG16_NO_PADDING}


def master_key(manifest, name):
    keys = manifest["keys"]
    if name == "aes":
        wrapping = bytes.fromhex(keys["aes"])
        return RawMasterKey(provider_id=keys["namespace"], key_id=keys["aes_name"].encode(),
                            wrapping_key=WrappingKey(wrapping_algorithm=AES_ALGORITHMS[len(wrapping)], wrapping_key=wrapping,
                                                     wrapping_key_type=EncryptionKeyType.SYMMETRIC))
    if name in RSA_ALGORITHMS:
        with open(keys["rsa_private_pem"], "rb") as handle:
            pem = handle.read()
        return RawMasterKey(provider_id=keys["namespace"], key_id=keys["rsa_name"].encode(),
                            wrapping_key=WrappingKey(wrapping_algorithm=RSA_ALGORITHMS[name], wrapping_key=pem,
                                                     wrapping_key_type=EncryptionKeyType.PRIVATE))
    if name.startswith("multi:"):
        # multi:<generator>+<child>: the generator makes and wraps the data key, the child wraps it too.
        generator, child = name[len("multi:"):].split("+")
        provider = master_key(manifest, generator)
        provider.add_master_key_provider(master_key(manifest, child))
        return provider
    raise ValueError(f"unknown keyring {name}")


def read(directory, name):
    with open(os.path.join(directory, name), "rb") as handle:
        return handle.read()


def main():
    with open(sys.argv[1]) as handle:
        manifest = json.load(handle)
    directory = manifest["dir"]
    strict = aws_encryption_sdk.EncryptionSDKClient(commitment_policy=CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
    legacy = aws_encryption_sdk.EncryptionSDKClient(commitment_policy=CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT)
    decrypted = encrypted = flips = 0
    for case in manifest["cases"]:
        provider = master_key(manifest, case["keyring"])
        plaintext = read(directory, case["plaintext"])
        context = case["context"]
        if case.get("swift_message"):
            message = read(directory, case["swift_message"])
            result, header = strict.decrypt(source=message, key_provider=provider)
            if result != plaintext:
                raise AssertionError(f"case {case['id']}: plaintext differs")
            for key, value in context.items():
                if header.encryption_context.get(key) != value:
                    raise AssertionError(f"case {case['id']}: encryption context differs")
            if header.algorithm.algorithm_id != case["suite"]:
                raise AssertionError(f"case {case['id']}: suite differs")
            decrypted += 1
            if case.get("bitflip"):
                for bit in range(len(message) * 8):
                    variant = bytearray(message)
                    variant[bit // 8] ^= 1 << (bit % 8)
                    try:
                        strict.decrypt(source=bytes(variant), key_provider=provider)
                    except Exception:  # noqa: BLE001 - any refusal counts; acceptance is the failure
                        flips += 1
                        continue
                    raise AssertionError(f"case {case['id']}: bit {bit} flipped and the message was still accepted")
        client = legacy if case.get("legacy") else strict
        # The Python SDK encrypts only with frame lengths that are multiples of 128 (its check compares with the AES
        # block size in bits; it decrypts any length); cases with other lengths (1, odd sizes) are written here
        # with the next multiple of 128.
        frame = case["frame"] if case["frame"] % 128 == 0 else (case["frame"] // 128 + 1) * 128
        ciphertext, _ = client.encrypt(source=plaintext, key_provider=provider, encryption_context=context,
                                       algorithm=Algorithm.get_by_id(case["suite"]), frame_length=frame)
        with open(os.path.join(directory, case["python_message"]), "wb") as handle:
            handle.write(ciphertext)
        encrypted += 1
    print(json.dumps({"ok": True, "decrypted": decrypted, "encrypted": encrypted, "bit_flips_refused": flips}))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001
        print(json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}"}))
        sys.exit(1)
