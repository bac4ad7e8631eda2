#!/usr/bin/env python3
"""Runs benchmark suites and reports each result as a ratio to its baseline measured in the same run.

    Benchmarks/report.py signal        # Signal protocol vs its primitives, and vs python-axolotl 0.2.3
    Benchmarks/report.py keyservice    # keyserviced over HTTP (wrk) vs its no-op route and vs in-process encrypt
    Benchmarks/report.py audit         # audit log vs Go's x/mod tlog, raw fsync'd writes, plain INSERTs, SHA-256
    Benchmarks/report.py envelope      # ESDK messages vs raw AES-256-GCM over the same bytes, and vs the Python ESDK
    Benchmarks/report.py redaction     # chatsec redact (release) vs Presidio and scrubadub: messages/s on one core

Medians (p50 wall clock per operation) come from `swift package benchmark --format markdown`; python-axolotl is
timed in the same invocation with the repository's .venv (created by Tests/tooling/run-tests).
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
UNITS = {"ns": 1.0, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}


def run_benchmarks(targets, filter=None):
    # SwiftPM keeps the parent package's file list in the cached build description; a source file added to the
    # main package since the last run would be missing from it. Dropping the description forces a fresh one.
    for stale in ("release.yaml", "debug.yaml"):
        path = os.path.join(HERE, ".build", stale)
        if os.path.exists(path):
            os.unlink(path)
    command = ["swift", "package", "--disable-sandbox", "benchmark", "--format", "markdown", "--no-progress"]
    for target in targets:
        command += ["--target", target]
    if filter:
        command += ["--filter", filter]
    # Benchmarks that write (the audit stores) put their files under TMPDIR; give them a private one and remove it.
    scratch = tempfile.mkdtemp(prefix="chatsec-bench-")
    try:
        output = subprocess.run(command, cwd=HERE, check=True, capture_output=True, text=True, env={**os.environ, "TMPDIR": scratch}).stdout
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
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


WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["X-Vault-Token"] = "%s"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '%s'
"""


def ensure_wrk():
    if subprocess.run(["sh", "-c", "command -v wrk"], capture_output=True).returncode == 0:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "wrk"], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def wrk(url, token, body, seconds, connections, threads):
    """Requests per second and p99 latency (ms) from wrk, keep-alive, `connections` connections."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % (token, body))
    output = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", script.name, url],
                            check=True, capture_output=True, text=True).stdout
    os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", output).groups()
    p99 = float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} error responses from {url}")
    return rate, p99


def keyservice_report(seconds=10, connections=16, threads=1, rounds=7, round_seconds=4):
    """Encrypt of 128 bytes with aes256-gcm96 over HTTP keep-alive, against the release daemon."""
    import base64
    import tempfile
    import urllib.request

    ensure_wrk()
    subprocess.run(["swift", "build", "-c", "release", "--product", "keyserviced"], cwd=ROOT, check=True, capture_output=True)
    binary = os.path.join(ROOT, ".build", "release", "keyserviced")
    directory = tempfile.mkdtemp(prefix="keyserviced-bench-")
    port_file = os.path.join(directory, "port")
    daemon = subprocess.Popen([binary, "dev", "--port", "0", "--port-file", port_file, "--enable-noop-route", "--log-level", "error"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        banner = ""
        while "Root token:" not in banner:
            banner += daemon.stdout.readline()
        token = re.search(r"Root token: (\S+)", banner).group(1)
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            time.sleep(0.05)
        base = f"http://127.0.0.1:{int(open(port_file).read())}"
        request = urllib.request.Request(f"{base}/v1/transit/keys/bench", method="POST", headers={"X-Vault-Token": token})
        urllib.request.urlopen(request).read()
        plaintext = base64.b64encode(b"a" * 128).decode()
        single = json.dumps({"plaintext": plaintext})
        rows = []
        # The target ratio comes from paired rounds: the no-op route and single-item encrypt back to back, in
        # alternating order, ratio taken within each round. Separate long runs on this 2-core VM drift by more than
        # the difference being measured (no-op alone has ranged from 27k to 38k requests/s between runs).
        ratios, noop_runs, single_runs = [], [], []
        for round_index in range(rounds):
            order = ("noop", "encrypt") if round_index % 2 == 0 else ("encrypt", "noop")
            measured = {}
            for route in order:
                url = f"{base}/v1/sys/noop" if route == "noop" else f"{base}/v1/transit/encrypt/bench"
                measured[route] = wrk(url, token, single, round_seconds, connections, threads)
            noop_runs.append(measured["noop"])
            single_runs.append(measured["encrypt"])
            ratios.append(measured["encrypt"][0] / measured["noop"][0])
        noop_rate = statistics.median(rate for rate, _ in noop_runs)
        noop_p99 = statistics.median(p99 for _, p99 in noop_runs)
        rows.append((1, statistics.median(rate for rate, _ in single_runs), statistics.median(p99 for _, p99 in single_runs)))
        for items in (100, 1000):
            body = json.dumps({"batch_input": [{"plaintext": plaintext}] * items})
            rate, p99 = wrk(f"{base}/v1/transit/encrypt/bench", token, body, seconds, connections, threads)
            rows.append((items, rate, p99))
    finally:
        daemon.terminate()
        daemon.wait()

    medians = run_benchmarks(["KeyServiceBench"])
    in_process = {1: medians["Transit encrypt in process (128 B, 1 item)"], 100: medians["Transit encrypt in process (128 B, batch of 100)"],
                  1000: medians["Transit encrypt in process (128 B, batch of 1000)"]}
    seal = medians["AES-256-GCM seal (128 B)"]
    print(f"wrk: {threads} thread(s), {connections} keep-alive connections; no-op and single-item encrypt in {rounds} paired rounds "
          f"of {round_seconds} s each (medians below), batches {seconds} s each; keyserviced release build, in-memory dev storage, "
          f"{os.cpu_count()} cores shared by wrk and the daemon.")
    ratio_median = statistics.median(ratios)
    print(f"Single item vs no-op, per round: {', '.join(f'{r:.2f}' for r in ratios)}; median {ratio_median:.2f} "
          f"(target ≥ 0.7: {'met' if ratio_median >= 0.7 else 'NOT met'}).")
    print()
    print("| Request | Requests/s | Items/s | p99 | vs no-op route (requests/s) | vs in process (items/s) |")
    print("|---|---|---|---|---|---|")
    print(f"| POST /v1/sys/noop (baseline, 128 B body) | {noop_rate:,.0f} | | {noop_p99:.2f} ms | 1.00 | |")
    for items, rate, p99 in rows:
        label = "encrypt, 1 item" if items == 1 else f"encrypt, batch of {items}"
        in_process_rate = 1e9 * items / in_process[items]
        versus = f"{ratio_median:.2f} (median of per-round ratios)" if items == 1 else f"{rate / noop_rate:.2f}"
        print(f"| {label} | {rate:,.0f} | {rate * items:,.0f} | {p99:.2f} ms | {versus} | {rate * items / in_process_rate:.2f} |")
    print()
    print("| In process (KeyService.handle, one core) | Median | Items/s | vs AES-256-GCM seal alone |")
    print("|---|---|---|---|")
    for items in (1, 100, 1000):
        print(f"| encrypt, {items} item(s) | {fmt(in_process[items])} | {1e9 * items / in_process[items]:,.0f} | {in_process[items] / items / seal:.1f}× |")
    print(f"| AES-256-GCM seal, 128 B | {fmt(seal)} | {1e9 / seal:,.0f} | 1.0× |")


def throwaway_postgres():
    """Starts an initdb cluster in a temp directory on a free port; returns (url, stop)."""
    import glob
    import shutil
    import socket
    import tempfile

    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins:
        return None, lambda: None
    pg_bin = bins[-1]
    directory = tempfile.mkdtemp(prefix="chatsec-bench-pg-")
    run_as = []
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subprocess.run(run_as + [f"{pg_bin}/initdb", "-D", f"{directory}/data", "-U", "chatsec", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                   check=True, capture_output=True)
    subprocess.run(run_as + [f"{pg_bin}/pg_ctl", "-D", f"{directory}/data", "-l", f"{directory}/log", "-w", "-o",
                             f"-c listen_addresses=127.0.0.1 -p {port} -k {directory}"] + ["start"], check=True, capture_output=True)

    def stop():
        subprocess.run(run_as + [f"{pg_bin}/pg_ctl", "-D", f"{directory}/data", "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)

    return f"postgresql://chatsec@127.0.0.1:{port}/postgres", stop


def go_tlog_bench(appends, proofs):
    """Go's golang.org/x/mod/sumdb/tlog on the same machine, same run (Tests/tooling/audit/gocheck)."""
    directory = tempfile.mkdtemp(prefix="gocheck-")
    binary = os.path.join(directory, "gocheck")
    environment = {**os.environ, "GOPATH": "/usr/share/gocode", "GO111MODULE": "off", "GOCACHE": os.path.join(directory, "cache")}
    subprocess.run(["go", "build", "-o", binary, os.path.join(ROOT, "Tests/tooling/audit/gocheck/main.go")], check=True, env=environment)
    try:
        output = subprocess.run([binary], input=json.dumps({"bench": {"appends": appends, "proofs": proofs}}), capture_output=True, text=True, check=True).stdout
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    detail = json.loads(json.loads(output.strip().splitlines()[-1])["detail"])
    return detail["appends_per_second"], detail["proofs_per_second"]


def audit_report():
    url, stop = throwaway_postgres()
    if url:
        os.environ["CHATSEC_BENCH_DATABASE_URL"] = url
    try:
        # The durable pairs first, on a quiet disk: the 1M-entry verify benchmark writes ~150 MB whose writeback
        # would slow whichever fsync benchmark ran after it.
        medians = run_benchmarks(["AuditLogBench"], filter=".*(durable|Raw|Plain).*")
        medians.update(run_benchmarks(["AuditLogBench"], filter=".*(memory|inclusion|verify|SHA).*"))
    finally:
        stop()
    go_appends, go_proofs = go_tlog_bench(1_000_000, 100_000)
    ours_appends = 1e9 / medians["Audit append in memory (100-byte entries)"]
    ours_proofs = 1e9 / medians["Audit inclusion prove+verify (100,000 entries)"]
    print("| In memory | ChatSecurity | Go x/mod tlog (same run) | Ratio | Target |")
    print("|---|---|---|---|---|")
    print(f"| leaf appends/s (100-byte entries) | {ours_appends:,.0f} | {go_appends:,.0f} | {ours_appends / go_appends:.2f}× | ≥ 1.0 {'met' if ours_appends >= go_appends else 'NOT met'} |")
    print(f"| inclusion prove+verify/s | {ours_proofs:,.0f} | {go_proofs:,.0f} | {ours_proofs / go_proofs:.2f}× | ≥ 1.0 {'met' if ours_proofs >= go_proofs else 'NOT met'} |")
    print()
    print("| Durable append (one at a time) | ChatSecurity | Baseline (same bytes, same run) | Ratio | Target |")
    print("|---|---|---|---|---|")
    rows = [("file store vs raw write + fsync", "Audit durable append, file store", "Raw fsync'd append of the same record"),
            ("PostgreSQL vs plain INSERT (autocommit)", "Audit durable append, PostgreSQL", "Plain INSERT of the same bytes")]
    for label, ours, base in rows:
        if ours not in medians:
            print(f"| {label} | not measured (no PostgreSQL) | | | |")
            continue
        rate, base_rate = 1e9 / medians[ours], 1e9 / medians[base]
        print(f"| {label} | {rate:,.0f}/s | {base_rate:,.0f}/s | {rate / base_rate:.2f} | ≥ 0.7 {'met' if rate / base_rate >= 0.7 else 'NOT met'} |")
    print()
    verify, sha = medians["Audit verify, 1M entries"], medians["SHA-256 over the same 1M entries"]
    print("| Full verify | Time | SHA-256 over the same entry bytes | Ratio |")
    print("|---|---|---|---|")
    print(f"| 1,000,000 entries (file store) | {verify / 1e6:,.0f} ms | {sha / 1e6:,.0f} ms | {verify / sha:.1f}× |")


ESDK_PYTHON = r"""
import statistics, sys, time
import aws_encryption_sdk
from aws_encryption_sdk import CommitmentPolicy
from aws_encryption_sdk.identifiers import Algorithm, EncryptionKeyType, WrappingAlgorithm
from aws_encryption_sdk.internal.crypto.wrapping_keys import WrappingKey
from aws_encryption_sdk.key_providers.raw import RawMasterKey
client = aws_encryption_sdk.EncryptionSDKClient(commitment_policy=CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
key = RawMasterKey(provider_id="bench", key_id=b"k", wrapping_key=WrappingKey(
    wrapping_algorithm=WrappingAlgorithm.AES_256_GCM_IV12_TAG16_NO_PADDING, wrapping_key=b"\x01" * 32, wrapping_key_type=EncryptionKeyType.SYMMETRIC))
size, suite, runs, frame = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
plaintext = b"\x5a" * size
def timed(function):
    samples = []
    for _ in range(runs):
        start = time.perf_counter(); function(); samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e9
message, _ = client.encrypt(source=plaintext, key_provider=key, algorithm=Algorithm.get_by_id(suite), frame_length=frame)
print(timed(lambda: client.encrypt(source=plaintext, key_provider=key, algorithm=Algorithm.get_by_id(suite), frame_length=frame)),
      timed(lambda: client.decrypt(source=message, key_provider=key)))
"""


def paired_envelope_ratios(size, rounds):
    """Tools/EnvelopeRatio: every contender timed back to back in each round, ratios taken within the round."""
    subprocess.run(["swift", "build", "-c", "release", "--product", "EnvelopeRatio"], cwd=HERE, check=True, capture_output=True)
    output = subprocess.run([os.path.join(HERE, ".build", "release", "EnvelopeRatio"), str(size), str(rounds)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def envelope_report():
    medians = run_benchmarks(["EnvelopeBench"])
    python = os.path.join(ROOT, ".venv", "peers", "bin", "python")

    def peer(size, suite, frame):
        if not os.path.exists(python):
            return ""
        runs = "5" if size <= 1 << 20 else "2"
        result = subprocess.run([python, "-c", ESDK_PYTHON, str(size), str(int(suite, 16)), runs, str(frame)], capture_output=True, text=True, check=True)
        return tuple(float(value) for value in result.stdout.split())

    print("Unsigned suite: paired rounds (Tools/EnvelopeRatio), medians of per-round ratios with the interquartile range; "
          "signed suite: `swift package benchmark` medians. Raw AES keyring; the Python ESDK on the same inputs and frames.")
    print()
    print("| Message | Encrypt | vs AES-256-GCM seal | Decrypt | vs AES-256-GCM open | Python ESDK 4.0.7 encrypt / decrypt (same run) | Target |")
    print("|---|---|---|---|---|---|---|")
    ceilings = []
    for label, size, rounds in (("1 MiB", 1 << 20, 25), ("64 MiB", 64 << 20, 9)):
        paired = paired_envelope_ratios(size, rounds)
        ratio, ns = paired["ratio_to_one_call"], paired["median_ns"]
        seal, opened = medians[f"AES-256-GCM seal {label}"], medians[f"AES-256-GCM open {label}"]
        for suffix, frame, frames in (("", 65536, "64 KiB frames (default)"), (" 4KiB", 4096, "4 KiB frames (AWS SDK default)")):
            key = "64 KiB" if frame == 65536 else "4 KiB"
            encrypt, decrypt = ns[f"encrypt {key}"], ns[f"decrypt {key}"]
            enc, dec = ratio[f"encrypt {key}"], ratio[f"decrypt {key}"]
            py = peer(size, "0x0478", frame)
            versus = f"{size / py[0] * 1e3:,.0f} / {size / py[1] * 1e3:,.0f} MB/s (ours {py[0] / encrypt:.0f}× / {py[1] / decrypt:.0f}× faster)" if py else ""
            met = "met" if enc["median"] >= 0.8 and dec["median"] >= 0.8 else "NOT met"
            target = f"≥ 0.8 {met}" if frame == 65536 else f"reported (≥ 0.8 {met}; libcrypto's 4 KiB-call ceiling below)"
            print(f"| {label} 0x0478, {frames} | {size / encrypt * 1e3:,.0f} MB/s | {enc['median']:.2f} ({enc['p25']:.2f}–{enc['p75']:.2f}) "
                  f"| {size / decrypt * 1e3:,.0f} MB/s | {dec['median']:.2f} ({dec['p25']:.2f}–{dec['p75']:.2f}) | {versus} | {target} |")
            encrypt, decrypt = medians[f"Envelope encrypt {label} 0x0578{suffix}"], medians[f"Envelope decrypt {label} 0x0578{suffix}"]
            py = peer(size, "0x0578", frame)
            versus = f"{size / py[0] * 1e3:,.0f} / {size / py[1] * 1e3:,.0f} MB/s (ours {py[0] / encrypt:.1f}× / {py[1] / decrypt:.1f}× faster)" if py else ""
            print(f"| {label} 0x0578, {frames} | {size / encrypt * 1e3:,.0f} MB/s | {seal / encrypt:.2f} | {size / decrypt * 1e3:,.0f} MB/s | {opened / decrypt:.2f} "
                  f"| {versus} | reported (ECDSA P-384 key and signature, SHA-384 over the message) |")
        ceilings.append((label, ratio["seal 4 KiB calls"]["median"], ratio["open 4 KiB calls"]["median"],
                         ratio["encrypt 4 KiB"]["median"] / ratio["seal 4 KiB calls"]["median"],
                         ratio["decrypt 4 KiB"]["median"] / ratio["open 4 KiB calls"]["median"]))
    print()
    print("| AES-256-GCM alone in 4 KiB calls (IV, 72-byte AAD, tag per call; paired) | Seal vs one call | Open vs one call | 4 KiB-frame encrypt vs it | 4 KiB-frame decrypt vs it |")
    print("|---|---|---|---|---|")
    for label, seal_ceiling, open_ceiling, encrypt_share, decrypt_share in ceilings:
        print(f"| {label} | {seal_ceiling:.2f} | {open_ceiling:.2f} | {encrypt_share:.2f} | {decrypt_share:.2f} |")


def redaction_report():
    """Messages per second on the evaluation corpus, one core (taskset), ours from a release build beside Presidio
    2.2.366 and scrubadub 2.0.1 in the same run; also prints the accuracy table."""
    subprocess.run(["swift", "build", "-c", "release", "--product", "chatsec"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    python = os.path.join(ROOT, ".venv", "redaction", "bin", "python")
    corpus = os.path.join(ROOT, "TestVectors", "redaction", "corpus.jsonl")
    command = [python, os.path.join(ROOT, "Tests", "tooling", "redaction", "evaluate.py"), "--corpus", corpus,
               "--chatsec", os.path.join(ROOT, ".build", "release", "chatsec"), "--speed-targets"]
    if shutil.which("taskset"):
        command = ["taskset", "-c", "0"] + command
    result = subprocess.run(command, capture_output=True, text=True)
    print(result.stdout)
    if result.returncode != 0:
        print(result.stderr[-2000:])
        sys.exit(result.returncode)


if __name__ == "__main__":
    suites = {"signal": signal_report, "keyservice": keyservice_report, "audit": audit_report, "envelope": envelope_report,
              "redaction": redaction_report}
    if len(sys.argv) != 2 or sys.argv[1] not in suites:
        print(__doc__)
        sys.exit(2)
    suites[sys.argv[1]]()
