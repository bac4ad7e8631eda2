import CryptoPrimitives

/// The barrier's versioned keyring: AES-256-GCM keys by term. New writes use the active (newest) term; entries
/// written under older terms stay readable. Persisted at `core/keyring`, encrypted under the unseal (root) key.
struct Keyring: Sendable {
    private(set) var terms: [UInt32: SecretKey]
    private(set) var activeTerm: UInt32

    /// A keyring with one fresh term.
    static func generate() throws -> Keyring {
        Keyring(terms: [1: try SecretKey.generate(byteCount: 32)], activeTerm: 1)
    }

    /// Adds a new term and makes it active (`sys/rotate`).
    mutating func rotate() throws {
        activeTerm += 1
        terms[activeTerm] = try SecretKey.generate(byteCount: 32)
    }

    /// `count (4) | [term (4) | key (32)]...`, in secure storage.
    func serialized() -> SecureBytes {
        var output = SecureBytes(zeros: 0)
        output.reserveCapacity(4 + terms.count * 36)
        output.append(contentsOf: bigEndian(UInt32(terms.count)))
        for term in terms.keys.sorted() {
            output.append(contentsOf: bigEndian(term))
            if let key = terms[term] { output.append(contentsOf: key) }
        }
        return output
    }

    init(terms: [UInt32: SecretKey], activeTerm: UInt32) {
        self.terms = terms
        self.activeTerm = activeTerm
    }

    init(serialized bytes: SecureBytes) throws {
        let parsed: (terms: [UInt32: SecretKey], active: UInt32)? = bytes.withUnsafeBytes { raw in
            guard raw.count >= 4 else { return nil }
            let count = Int(readBigEndian(raw, 0))
            guard count >= 1, count <= 1 << 16, raw.count == 4 + count * 36 else { return nil }
            var terms: [UInt32: SecretKey] = [:]
            for index in 0..<count {
                let offset = 4 + index * 36
                let term = readBigEndian(raw, offset)
                terms[term] = SecretKey(copying: UnsafeRawBufferPointer(rebasing: raw[(offset + 4)..<(offset + 36)]))
            }
            guard terms.count == count, let active = terms.keys.max() else { return nil }
            return (terms, active)
        }
        guard let parsed else { throw KeyServiceError(.internalFailure, "the stored keyring is malformed") }
        terms = parsed.terms
        activeTerm = parsed.active
    }
}

func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
}

func readBigEndian(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
    UInt32(raw[offset]) << 24 | UInt32(raw[offset + 1]) << 16 | UInt32(raw[offset + 2]) << 8 | UInt32(raw[offset + 3])
}
