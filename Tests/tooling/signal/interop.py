#!/usr/bin/env python3
"""Signal protocol interop: ChatSecurity's `signal-peer` against python-axolotl 0.2.3, side by side.

Each scenario runs both implementations in one process tree: the Swift driver as a subprocess speaking JSON
lines (docs/signal.md), python-axolotl in this process with its in-memory stores. Messages travel only as bytes.
Prints one JSON object per scenario and a final summary; exits non-zero on the first failure.

Limits follow libsignal, not python-axolotl: the Swift side must accept a jump of up to 25,000 messages
(keeping the newest 2,000 skipped keys) and refuse a larger one with `too_far_in_future`, leaving the session
working. python-axolotl itself refuses jumps over 2,000, so bursts towards it stay under that.
"""

import argparse
import base64
import json
import random
import subprocess
import sys

from axolotl.duplicatemessagexception import DuplicateMessageException
from axolotl.ecc.curve import Curve
from axolotl.identitykey import IdentityKey
from axolotl.invalidkeyidexception import InvalidKeyIdException
from axolotl.invalidmessageexception import InvalidMessageException
from axolotl.nosessionexception import NoSessionException
from axolotl.protocol.prekeywhispermessage import PreKeyWhisperMessage
from axolotl.protocol.whispermessage import WhisperMessage
from axolotl.sessionbuilder import SessionBuilder
from axolotl.sessioncipher import SessionCipher
from axolotl.state.prekeybundle import PreKeyBundle
from axolotl.tests.inmemoryaxolotlstore import InMemoryAxolotlStore
from axolotl.untrustedidentityexception import UntrustedIdentityException
from axolotl.util.keyhelper import KeyHelper

b64 = lambda data: base64.b64encode(data).decode()
unb64 = base64.b64decode


class InteropFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise InteropFailure(message)


class PeerError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


class SwiftPeer:
    """ChatSecurity's signal-peer, over JSON lines."""

    def __init__(self, binary, name, registration_id):
        self.name = name
        self.process = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        reply = self.call(op="init", name=name, registration_id=registration_id, device_id=1)
        self.identity_key = unb64(reply["identity_key"])

    def call(self, **request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        check(line, "signal-peer exited")
        reply = json.loads(line)
        if not reply.get("ok"):
            raise PeerError(reply.get("error"))
        return reply

    def raw(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def bundle(self, prekey_id, signed_prekey_id):
        request = {"op": "bundle", "signed_prekey_id": signed_prekey_id}
        if prekey_id is not None:
            request["prekey_id"] = prekey_id
        return self.call(**request)["bundle"]

    def process_bundle(self, peer, bundle):
        self.call(op="process_bundle", peer=peer, device_id=1, bundle=bundle)

    def encrypt(self, peer, plaintext):
        reply = self.call(op="encrypt", peer=peer, device_id=1, plaintext=b64(plaintext))
        return reply["type"], unb64(reply["body"])

    def decrypt(self, peer, kind, body):
        return unb64(self.call(op="decrypt", peer=peer, device_id=1, type=kind, body=b64(body))["plaintext"])

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


class AxolotlPeer:
    """python-axolotl 0.2.3 with its in-memory stores."""

    def __init__(self, name):
        self.name = name
        self.store = InMemoryAxolotlStore()
        self.identity_key = self.store.getIdentityKeyPair().getPublicKey().serialize()

    def bundle(self, prekey_id, signed_prekey_id):
        signed = KeyHelper.generateSignedPreKey(self.store.getIdentityKeyPair(), signed_prekey_id)
        self.store.storeSignedPreKey(signed_prekey_id, signed)
        bundle = {
            "registration_id": self.store.getLocalRegistrationId(), "device_id": 1,
            "signed_prekey_id": signed_prekey_id,
            "signed_prekey": b64(signed.getKeyPair().getPublicKey().serialize()),
            "signed_prekey_signature": b64(signed.getSignature()),
            "identity_key": b64(self.identity_key),
        }
        if prekey_id is not None:
            prekey = KeyHelper.generatePreKeys(prekey_id, 1)[0]
            self.store.storePreKey(prekey.getId(), prekey)
            bundle["prekey_id"] = prekey.getId()
            bundle["prekey"] = b64(prekey.getKeyPair().getPublicKey().serialize())
        return bundle

    def process_bundle(self, peer, bundle):
        prekey = Curve.decodePoint(unb64(bundle["prekey"]), 0) if "prekey" in bundle else None
        SessionBuilder(self.store, self.store, self.store, self.store, peer, 1).processPreKeyBundle(PreKeyBundle(
            bundle["registration_id"], bundle["device_id"], bundle.get("prekey_id"), prekey,
            bundle["signed_prekey_id"], Curve.decodePoint(unb64(bundle["signed_prekey"]), 0),
            unb64(bundle["signed_prekey_signature"]), IdentityKey(unb64(bundle["identity_key"]), 0)))

    def cipher(self, peer):
        return SessionCipher(self.store, self.store, self.store, self.store, peer, 1)

    def encrypt(self, peer, plaintext):
        message = self.cipher(peer).encrypt(plaintext)
        return message.getType(), message.serialize()

    def decrypt(self, peer, kind, body):
        cipher = self.cipher(peer)
        try:
            if kind == 3:
                return cipher.decryptPkmsg(PreKeyWhisperMessage(serialized=body), textMsg=False)
            return cipher.decryptMsg(WhisperMessage(serialized=body), textMsg=False)
        except DuplicateMessageException:
            raise PeerError("duplicate_message")
        except NoSessionException:
            raise PeerError("no_session")
        except UntrustedIdentityException:
            raise PeerError("untrusted_identity")
        except InvalidKeyIdException:
            raise PeerError("invalid_key_id")
        except InvalidMessageException:
            raise PeerError("invalid_message")


def text(label, index):
    """A plaintext of varying length (empty to 300 bytes) with a recognizable prefix."""
    body = f"{label}#{index}:".encode()
    return body + bytes(random.randrange(256) for _ in range(random.randrange(0, 300)))


def expect_error(function, codes, what):
    try:
        function()
    except PeerError as error:
        check(error.code in codes, f"{what}: expected {codes}, got {error.code}")
        return error.code
    raise InteropFailure(f"{what}: expected {codes}, but it succeeded")


def start(initiator, responder, prekey_id=1):
    initiator.process_bundle(responder.name, responder.bundle(prekey_id, 1))


def exchange(sender, receiver, count, label, shuffle=True, replay=True):
    """`count` messages sender → receiver, delivered in shuffled order; every plaintext checked; optionally one
    replay checked to be refused. Returns the delivered (type, body) pairs."""
    sent = []
    for index in range(count):
        plaintext = text(label, index)
        kind, body = sender.encrypt(receiver.name, plaintext)
        sent.append((kind, body, plaintext))
    order = list(range(count))
    if shuffle:
        random.shuffle(order)
    for index in order:
        kind, body, plaintext = sent[index]
        check(receiver.decrypt(sender.name, kind, body) == plaintext, f"{label}: message {index} decrypted wrong")
    if replay and sent:
        kind, body, _ = random.choice(sent)
        expect_error(lambda: receiver.decrypt(sender.name, kind, body), {"duplicate_message"}, f"{label}: replay")
    return sent


def scenario_conversation(swift_binary, swift_initiates):
    swift = SwiftPeer(swift_binary, "swift", 4242)
    python = AxolotlPeer("python")
    initiator, responder = (swift, python) if swift_initiates else (python, swift)
    start(initiator, responder)
    # The initiator keeps sending PreKey messages until the responder replies.
    first = [initiator.encrypt(responder.name, text("prekey", i)) for i in range(3)]
    check(all(kind == 3 for kind, _ in first), "initiator must send PreKey messages before any reply")
    for kind, body in reversed(first):
        responder.decrypt(initiator.name, kind, body)
    totals = {swift.name: 0, python.name: 0}
    turn = 0
    while totals["swift"] < 220 or totals["python"] < 220:
        sender, receiver = (responder, initiator) if turn % 2 == 0 else (initiator, responder)
        count = random.randint(5, 25)
        exchange(sender, receiver, count, f"turn{turn}")
        totals[sender.name] += count
        turn += 1
    kind, _ = initiator.encrypt(responder.name, b"after reply")
    check(kind == 2, "after a reply the initiator sends plain SignalMessages")
    swift.close()
    return {"swift_sent": totals["swift"], "python_sent": totals["python"], "turns": turn}


def scenario_bursts(swift_binary):
    swift = SwiftPeer(swift_binary, "swift", 1)
    python = AxolotlPeer("python")
    start(python, swift)
    kind, body = python.encrypt("swift", b"hello")
    swift.decrypt("python", kind, body)
    kind, body = swift.encrypt("python", b"hello back")
    python.decrypt("swift", kind, body)
    # Bursts with the last message delivered first, forcing many skipped keys on each side.
    for sender, receiver, size in [(python, swift, 1999), (swift, python, 1999), (python, swift, 600), (swift, python, 1500)]:
        sent = [sender.encrypt(receiver.name, text("burst", i)) for i in range(size)]
        check(receiver.decrypt(sender.name, sent[-1][0], sent[-1][1]).startswith(b"burst#%d:" % (size - 1)), "burst: last message")
        rest = list(range(size - 1))
        random.shuffle(rest)
        for index in rest:
            check(receiver.decrypt(sender.name, sent[index][0], sent[index][1]).startswith(b"burst#%d:" % index), "burst: skipped message")
    swift.close()
    return {"bursts": 4}


def scenario_far_jumps(swift_binary):
    """Jumps into the Swift side: 25,000 accepted (newest 2,000 skipped keys kept), 25,001 refused."""
    swift = SwiftPeer(swift_binary, "swift", 2)
    python = AxolotlPeer("python")
    start(python, swift)
    kind, body = python.encrypt("swift", b"hello")
    swift.decrypt("python", kind, body)
    kind, body = swift.encrypt("python", b"hello back")
    python.decrypt("swift", kind, body)
    skipped = [python.encrypt("swift", b"skip %d" % i) for i in range(25_000)]
    kind, body = python.encrypt("swift", b"far")
    check(swift.decrypt("python", kind, body) == b"far", "a 25,000-message jump is accepted")
    check(swift.decrypt("python", *skipped[-1]) == b"skip 24999", "newest skipped key kept")
    check(swift.decrypt("python", *skipped[23_000]) == b"skip 23000", "2,000th newest skipped key kept")
    expect_error(lambda: swift.decrypt("python", *skipped[22_999]), {"duplicate_message"}, "older skipped keys are dropped")
    for _ in range(25_001):
        python.encrypt("swift", b"skip")
    kind, body = python.encrypt("swift", b"too far")
    expect_error(lambda: swift.decrypt("python", kind, body), {"too_far_in_future"}, "a 25,001-message jump")
    # The session still works in both directions.
    kind, body = swift.encrypt("python", b"still working")
    check(python.decrypt("swift", kind, body) == b"still working", "swift -> python after the refused jump")
    kind, body = python.encrypt("swift", b"yes")
    check(swift.decrypt("python", kind, body) == b"yes", "python -> swift after the refused jump")
    swift.close()
    return {"accepted_jump": 25_000, "refused_jump": 25_001}


def scenario_simultaneous(swift_binary):
    swift = SwiftPeer(swift_binary, "swift", 3)
    python = AxolotlPeer("python")
    swift.process_bundle("python", python.bundle(11, 1))
    python.process_bundle("swift", swift.bundle(12, 1))
    from_swift = swift.encrypt("python", b"swift first")
    from_python = python.encrypt("swift", b"python first")
    check(from_swift[0] == 3 and from_python[0] == 3, "both send PreKey messages")
    check(python.decrypt("swift", *from_swift) == b"swift first", "python receives swift's PreKey message")
    check(swift.decrypt("python", *from_python) == b"python first", "swift receives python's PreKey message")
    for round_ in range(10):
        exchange(swift, python, 3, f"sim-s{round_}", replay=False)
        exchange(python, swift, 3, f"sim-p{round_}", replay=False)
    check(swift.encrypt("python", b"x")[0] == 2 and python.encrypt("swift", b"y")[0] == 2, "converged to SignalMessages")
    swift.close()
    return {"rounds": 10}


def scenario_long(swift_binary):
    """Many DH ratchet turns: strictly alternating single messages, on a session started from a bundle without
    a one-time prekey.

    python-axolotl initiates: it omits `pre_key_id` (field 1) as libsignal does, and the Swift side must read the
    absent field as "no one-time prekey". The other direction cannot work with this peer: python-axolotl reads an
    absent `pre_key_id` as 0 (it never checks `HasField`), looks up prekey 0 and fails, even for its own
    messages. That divergence is asserted below so a change in either implementation is noticed.
    """
    swift = SwiftPeer(swift_binary, "swift", 5)
    python = AxolotlPeer("python")
    other = AxolotlPeer("python-receiver")
    start(swift, other, prekey_id=None)
    kind, body = swift.encrypt(other.name, b"no one-time prekey")
    check(kind == 3, "PreKey message")
    expect_error(lambda: other.decrypt(swift.name, kind, body), {"invalid_key_id"}, "python-axolotl's absent pre_key_id divergence")
    start(python, swift, prekey_id=None)
    for turn in range(400):
        sender, receiver = (python, swift) if turn % 2 == 0 else (swift, python)
        plaintext = text("long", turn)
        check(receiver.decrypt(sender.name, *sender.encrypt(receiver.name, plaintext)) == plaintext, f"long turn {turn}")
    swift.close()
    return {"ratchet_turns": 400}


def scenario_hostile(swift_binary):
    """Bad MACs, malformed lines and bytes: typed errors, and the driver keeps running."""
    swift = SwiftPeer(swift_binary, "swift", 6)
    python = AxolotlPeer("python")
    start(python, swift)
    kind, body = python.encrypt("swift", b"hello")
    swift.decrypt("python", kind, body)
    python.decrypt("swift", *swift.encrypt("python", b"reply"))
    kind, body = python.encrypt("swift", b"tampered")
    check(kind == 2, "a SignalMessage after the reply")
    tampered = bytearray(body)
    tampered[-1] ^= 1
    expect_error(lambda: swift.decrypt("python", kind, bytes(tampered)), {"invalid_mac"}, "bad MAC")
    check(swift.decrypt("python", kind, body) == b"tampered", "the untampered message still decrypts")
    old_version = bytearray(python.encrypt("swift", b"v")[1])
    old_version[0] = 0x22
    expect_error(lambda: swift.decrypt("python", 2, bytes(old_version)), {"invalid_version"}, "legacy version")
    for line in ["not json", "{}", '{"op":"decrypt"}', '{"op":"decrypt","peer":"python","type":"two","body":"AA=="}', "[]"]:
        check(swift.raw(line) == {"ok": False, "error": "bad_request"}, f"bad request: {line}")
    expect_error(lambda: swift.decrypt("nobody", 2, body), {"no_session"}, "no session")
    kind, body = python.encrypt("swift", b"still alive")
    check(swift.decrypt("python", kind, body) == b"still alive", "driver still running")
    swift.close()
    return {"hostile_cases": 9}


SCENARIOS = {
    "swift_initiates": lambda binary: scenario_conversation(binary, True),
    "python_initiates": lambda binary: scenario_conversation(binary, False),
    "bursts": scenario_bursts,
    "far_jumps": scenario_far_jumps,
    "simultaneous_initiation": scenario_simultaneous,
    "long_conversation": scenario_long,
    "hostile_input": scenario_hostile,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--peer", required=True, help="path to the signal-peer executable")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--only", action="append", choices=sorted(SCENARIOS))
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.randrange(1 << 30)
    random.seed(seed)
    results = {}
    for name in arguments.only or list(SCENARIOS):
        try:
            results[name] = SCENARIOS[name](arguments.peer)
        except (InteropFailure, PeerError) as failure:
            print(json.dumps({"scenario": name, "ok": False, "seed": seed, "error": str(failure)}))
            return 1
        print(json.dumps({"scenario": name, "ok": True, **results[name]}), flush=True)
    print(json.dumps({"ok": True, "seed": seed, "scenarios": len(results)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
