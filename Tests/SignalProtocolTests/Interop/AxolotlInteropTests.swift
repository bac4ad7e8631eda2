import Foundation
import Testing

/// The Signal implementation against python-axolotl 0.2.3, through `signal-peer` and
/// `Tests/tooling/signal/interop.py` (sessions from either side, 200+ messages each way shuffled, bursts, jumps
/// of 25,000 and 25,001, replays, simultaneous initiation, a 400-turn conversation, hostile input).
@Suite("Interop with python-axolotl 0.2.3")
struct AxolotlInteropTests {
    static let scenarios = [
        "swift_initiates", "python_initiates", "bursts", "far_jumps", "simultaneous_initiation",
        "long_conversation", "hostile_input",
    ]

    @Test("Scenario", arguments: scenarios)
    func scenario(_ name: String) throws {
        let script = InteropTools.packageRoot.appendingPathComponent("Tests/tooling/signal/interop.py").path
        let seed = Int.random(in: 0..<(1 << 30))
        let (status, output) = try InteropTools.run(try InteropTools.python(), [script, "--peer", try InteropTools.signalPeer(), "--only", name, "--seed", String(seed)])
        let lines = output.split(separator: "\n").map(String.init)
        print("[interop] python-axolotl \(name) (seed \(seed)): \(lines.first ?? "no output")")
        #expect(status == 0, "interop scenario \(name) failed (seed \(seed)): \(output)")
        let report = lines.first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(report?["scenario"] as? String == name)
        #expect(report?["ok"] as? Bool == true)
    }
}
