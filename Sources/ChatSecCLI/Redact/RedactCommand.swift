import ArgumentParser
import CryptoPrimitives
import Foundation
import Redaction

/// `chatsec redact`: redact chat messages (one per line, or JSON lines with a `text` field) before storage, or list
/// what would be redacted.
struct RedactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Find and redact PII/PHI/PCI identifiers in chat messages.",
        discussion: """
        Reads one message per line (--input-format text) or JSON lines with a "text" field (--input-format jsonl), from \
        a file or standard input. Writes the redacted messages (JSON lines keep their other fields), or with \
        --format findings one JSON line per message: {"findings":[{"type":…,"start":…,"end":…,"score":…,"detector":…}]} \
        where start and end are Unicode code point offsets (Python string indices). Nothing found is ever logged.
        Exit codes: 0 done, 2 usage or input problem.
        """
    )

    @Option(name: [.short, .long], help: "Input file (default: standard input).")
    var input: String?
    @Option(name: [.short, .long], help: "Output file (default: standard output).")
    var output: String?
    @Option(name: .customLong("input-format"), help: "text (one message per line) or jsonl (objects with a \"text\" field).")
    var inputFormat = "text"
    @Option(name: .long, help: "text (redacted messages) or findings (JSON lines of findings).")
    var format = "text"
    @Option(name: .long, help: "Policy preset: all, hipaa, pci or gdpr.")
    var policy = "all"
    @Option(name: .customLong("min-confidence"), help: "Drop findings below this confidence (0...1; default 0.5).")
    var minConfidence: Double?
    @Option(name: .customLong("allow"), help: "A value never to redact (repeatable), e.g. your support phone number.")
    var allow: [String] = []
    @Option(name: .customLong("operator"), help: "TYPE=OPERATOR overrides (repeatable): mask, remove, keep, pseudonym, zip3, partial:FIRST:LAST.")
    var operators: [String] = []
    @Option(name: .customLong("pseudonym-key-file"), help: "The tenant's pseudonym key (a file of 32 or more bytes), for the pseudonym operator.")
    var pseudonymKeyFile: String?
    @Flag(name: .customLong("report-throughput"), help: .hidden)
    var reportThroughput = false

    func validate() throws {
        guard ["text", "jsonl"].contains(inputFormat) else { throw ValidationError("--input-format is text or jsonl") }
        guard ["text", "findings"].contains(format) else { throw ValidationError("--format is text or findings") }
        guard Policy.preset(named: policy) != nil else { throw ValidationError("--policy is all, hipaa, pci or gdpr") }
        if let minConfidence, !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence is within 0...1") }
    }

    func run() throws {
        guard var chosen = Policy.preset(named: policy) else { throw ExitCode(2) }
        if let minConfidence { chosen.minimumConfidence = minConfidence }
        chosen.allowList += allow
        for entry in operators {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let op = Self.parseOperator(parts[1]) else { throw ValidationFailure("--operator takes TYPE=OPERATOR") }
            chosen.operators[EntityType(rawValue: parts[0].uppercased())] = op
        }
        var key: SecretKey?
        if let pseudonymKeyFile {
            guard var bytes = FileManager.default.contents(atPath: pseudonymKeyFile).map({ [UInt8]($0) }) else { throw ValidationFailure("cannot read --pseudonym-key-file") }
            defer { bytes.withUnsafeMutableBytes { SecureMemory.zero($0) } }
            key = SecretKey(copying: bytes)
        }
        let redactor: Redactor
        do { redactor = try Redactor(policy: chosen, pseudonymKey: key) } catch { throw ValidationFailure("\(error)") }

        let data: Data
        if let input {
            guard let contents = FileManager.default.contents(atPath: input) else { throw ValidationFailure("cannot read \(input)") }
            data = contents
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }

        if reportThroughput {
            // Load the gazetteers and tables before timing, as the peers' measurements exclude their start-up too.
            _ = redactor.scanner.scan("Warm up: John Smith, 4111 1111 1111 1111, jane@example.com, +44 20 7946 0958")
        }
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 4)
        var scanSeconds = 0.0
        var messages = 0
        for (number, raw) in lines.enumerated() {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            var object: [String: Any]?
            var text = line
            if inputFormat == "jsonl" {
                guard let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let value = parsed["text"] as? String else {
                    throw ValidationFailure("line \(number + 1) is not a JSON object with a string \"text\" field")
                }
                object = parsed
                text = value
            }
            let started = DispatchTime.now().uptimeNanoseconds
            messages += 1
            if format == "findings" {
                let findings = redactor.scanner.scan(text)
                scanSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                var record: [String: Any] = ["findings": findings.map { f in
                    ["type": f.type.rawValue, "start": f.span.scalars.lowerBound, "end": f.span.scalars.upperBound,
                     "score": f.confidence, "detector": f.detector] as [String: Any]
                }]
                if let id = object?["id"] { record["id"] = id }
                try Self.appendJSON(record, to: &out)
            } else {
                let result: RedactionResult
                do { result = try redactor.redactSynchronously(text) } catch { throw ValidationFailure("\(error)") }
                scanSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                if var object {
                    object["text"] = result.text
                    try Self.appendJSON(object, to: &out)
                } else {
                    out.append(contentsOf: result.text.utf8)
                    out.append(0x0A)
                }
            }
        }
        if let output {
            try Output.writeFile(out, to: output)
        } else {
            FileHandle.standardOutput.write(Data(out))
        }
        if reportThroughput {
            let rate = scanSeconds > 0 ? Double(messages) / scanSeconds : 0
            Output.error("{\"messages\":\(messages),\"seconds\":\(scanSeconds),\"messages_per_second\":\(rate)}")
        }
    }

    static func appendJSON(_ object: [String: Any], to out: inout [UInt8]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        out.append(contentsOf: data)
        out.append(0x0A)
    }

    static func parseOperator(_ text: String) -> RedactionOperator? {
        switch text {
        case "mask": return .mask
        case "remove": return .remove
        case "keep": return .keep
        case "pseudonym": return .pseudonym
        case "zip3": return .safeHarborZIP3
        default:
            let parts = text.split(separator: ":")
            guard parts.count == 3, parts[0] == "partial", let first = Int(parts[1]), let last = Int(parts[2]), first >= 0, last >= 0 else { return nil }
            return .partialMask(keepFirst: first, keepLast: last)
        }
    }
}
