#!/usr/bin/env python3
"""Runs benchmark suites and reports each result as a ratio to its baseline measured in the same run.

    Benchmarks/report.py signal        # Signal protocol vs its primitives, and vs python-axolotl 0.2.3

Medians (p50 wall clock per operation) come from `swift package benchmark --format markdown`; python-axolotl is
timed in the same invocation with the repository's .venv (created by Tests/tooling/run-tests).
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
UNITS = {"ns": 1.0, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}


def run_benchmarks(targets):
    command = ["swift", "package", "--disable-sandbox", "benchmark", "--format", "markdown", "--no-progress"]
    for target in targets:
        command += ["--target", target]
    output = subprocess.run(command, cwd=HERE, check=True, capture_output=True, text=True).stdout
    medians = {}
    name = None
    for line in output.splitlines():
        if line.startswith("### "):
            name = line[4:].strip()
        match = re.match(r"\|\s*Time \(wall clock\) \((\S+)\)\s*\*?\s*\|(.*)", line)
        if name and match:
            columns = [c.strip() for c in match.group(2).split("|") if c.strip()]
            medians[name] = float(columns[2].replace(",", "")) * UNITS[match.group(1)]
    return medians


AXOLOTL_ROUND_TRIP = r"""
import statistics, time, sys
from axolotl.tests.inmemoryaxolotlstore import InMemoryAxolotlStore
from axolotl.sessionbuilder import SessionBuilder
from axolotl.sessioncipher import SessionCipher
from axolotl.state.prekeybundle import PreKeyBundle
from axolotl.util.keyhelper import KeyHelper
from axolotl.protocol.whispermessage import WhisperMessage
from axolotl.protocol.prekeywhispermessage import PreKeyWhisperMessage
a, b = InMemoryAxolotlStore(), InMemoryAxolotlStore()
pre = KeyHelper.generatePreKeys(1, 1)[0]; spk = KeyHelper.generateSignedPreKey(b.getIdentityKeyPair(), 1)
b.storePreKey(pre.getId(), pre); b.storeSignedPreKey(1, spk)
SessionBuilder(a, a, a, a, "bob", 1).processPreKeyBundle(PreKeyBundle(b.getLocalRegistrationId(), 1, pre.getId(),
    pre.getKeyPair().getPublicKey(), 1, spk.getKeyPair().getPublicKey(), spk.getSignature(), b.getIdentityKeyPair().getPublicKey()))
ca, cb = SessionCipher(a, a, a, a, "bob", 1), SessionCipher(b, b, b, b, "alice", 1)
cb.decryptPkmsg(PreKeyWhisperMessage(serialized=ca.encrypt(b"x").serialize()), textMsg=False)
ca.decryptMsg(WhisperMessage(serialized=cb.encrypt(b"y").serialize()), textMsg=False)
message = b"A" * 140
samples = []
for _ in range(30):
    start = time.perf_counter_ns()
    for _ in range(100):
        cb.decryptMsg(WhisperMessage(serialized=ca.encrypt(message).serialize()), textMsg=False)
    samples.append((time.perf_counter_ns() - start) / 100)
print(statistics.median(samples))
"""


def python_axolotl_round_trip():
    python = os.path.join(ROOT, ".venv", "signal", "bin", "python")
    if not os.path.exists(python):
        return None
    output = subprocess.run([python, "-c", AXOLOTL_ROUND_TRIP], check=True, capture_output=True, text=True).stdout
    return float(output.strip().splitlines()[-1])


def fmt(ns):
    return f"{ns / 1e3:9.2f} µs"


def signal_report():
    medians = run_benchmarks(["Signal"])
    rows = [
        ("Symmetric step: 140 B encrypt + decrypt", "Signal symmetric step (140 B encrypt + decrypt)", "Signal symmetric step: primitives", 1.5),
        ("DH ratchet round trip (2 steps)", "Signal DH ratchet round trip (2 ratchet steps, 140 B each way)", "Signal DH ratchet round trip: primitives", None),
        ("Session setup from a bundle", "Signal session setup (process a bundle)", "Signal session setup: primitives", None),
    ]
    print("| Operation | ChatSecurity | Its primitives | Ratio | Target |")
    print("|---|---|---|---|---|")
    results = {}
    for label, ours, primitives, target in rows:
        ratio = medians[ours] / medians[primitives]
        results[label] = ratio
        verdict = "" if target is None else (f"≤ {target}× {'met' if ratio <= target else 'NOT met'}")
        print(f"| {label} | {fmt(medians[ours])} | {fmt(medians[primitives])} | {ratio:.2f}× | {verdict} |")
    axolotl = python_axolotl_round_trip()
    if axolotl is not None:
        ours = medians["Signal symmetric step (140 B encrypt + decrypt)"]
        speedup = axolotl / ours
        print()
        print("| Encrypt + decrypt, 140 B | ChatSecurity | python-axolotl 0.2.3 | Speed-up | Target |")
        print("|---|---|---|---|---|")
        print(f"| same session, same run | {fmt(ours)} | {fmt(axolotl)} | {speedup:.1f}× | ≥ 20× {'met' if speedup >= 20 else 'NOT met'} |")
    else:
        print("\n(python-axolotl not measured: create .venv with Tests/tooling/run-tests first)")


if __name__ == "__main__":
    suites = {"signal": signal_report}
    if len(sys.argv) != 2 or sys.argv[1] not in suites:
        print(__doc__)
        sys.exit(2)
    suites[sys.argv[1]]()
