/// Parser for the `KEY = value` files used by NIST CAVP (`.rsp`) and the pyca/cryptography text vectors.
///
/// A record ends when a key it already has appears again (so `COUNT = 2` starts the next record) or at a
/// `[SECTION]` line, which names the section the following records belong to. Blank lines do not end records:
/// some files (RFC 5869's) put blank lines inside one. `#` starts a comment. CRLF and LF both work.
public enum KeyValueVectors {
    /// One record.
    public struct Record: Sendable {
        /// The `[SECTION]` in force (e.g. `ENCRYPT`), or empty.
        public let section: String
        /// The fields, keys uppercased.
        public let fields: [String: String]

        /// The field `key` (case-insensitive), hex-decoded.
        public func bytes(_ key: String) throws -> [UInt8] {
            guard let value = fields[key.uppercased()] else { throw Hex.InvalidHex(description: "missing field \(key)") }
            return try Hex.decode(value)
        }

        /// The field `key` (case-insensitive) as text.
        public func string(_ key: String) -> String? { fields[key.uppercased()] }
    }

    /// Parses `text` into records.
    public static func parse(_ text: String) -> [Record] {
        var records: [Record] = []
        var section = ""
        var fields: [String: String] = [:]
        func flush() {
            if !fields.isEmpty { records.append(Record(section: section, fields: fields)) }
            fields = [:]
        }
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.isEmpty { continue }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                flush()
                section = String(line.dropFirst().dropLast())
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: " \t").uppercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: " \t")
            if fields[key] != nil { flush() }
            fields[key] = value
        }
        flush()
        return records
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
