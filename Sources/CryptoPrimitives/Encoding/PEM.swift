/// PEM armor (RFC 7468, strict form): one `-----BEGIN label-----` / `-----END label-----` block whose body is
/// base64 in lines of at most 64 characters, with no headers, blank or indented lines. Blank lines around the
/// block and trailing whitespace on a line are accepted; anything else before or after is not.
enum PEM {
    /// The largest PEM text accepted (an RSA-16384 private key is about 13 KiB).
    static let maximumByteCount = 64 * 1024

    /// Armors DER bytes. The result is written into secure storage (it may hold a private key).
    static func encode(label: String, der: SecureBytes) -> SecureBytes {
        var output = SecureBytes(zeros: 0)
        output.append(contentsOf: Array("-----BEGIN \(label)-----\n".utf8))
        var line = [UInt8]()
        line.reserveCapacity(65)
        der.withUnsafeBytes { bytes in
            Base64.encode(bytes) { character in
                line.append(character)
                if line.count == 64 {
                    line.append(UInt8(ascii: "\n"))
                    output.append(contentsOf: line)
                    line.withUnsafeMutableBytes { SecureMemory.zero($0) }
                    line.removeAll(keepingCapacity: true)
                }
            }
        }
        if !line.isEmpty {
            line.append(UInt8(ascii: "\n"))
            output.append(contentsOf: line)
            line.withUnsafeMutableBytes { SecureMemory.zero($0) }
        }
        output.append(contentsOf: Array("-----END \(label)-----\n".utf8))
        return output
    }

    /// The DER bytes inside a PEM block with the given label.
    static func decode(_ pem: SecureBytes, label: String) throws -> SecureBytes {
        guard pem.count <= maximumByteCount else { throw CryptoError(.malformedInput, "PEM input too large") }
        var lines = pem.withUnsafeBytes { bytes in
            bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line -> [UInt8] in
                var trimmed = Array(line)
                while let last = trimmed.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
                    trimmed.removeLast()
                }
                return trimmed
            }
        }
        defer { for index in lines.indices { lines[index].withUnsafeMutableBytes { SecureMemory.zero($0) } } }
        let begin = Array("-----BEGIN \(label)-----".utf8)
        let end = Array("-----END \(label)-----".utf8)
        guard let first = lines.firstIndex(where: { !$0.isEmpty }), lines[first] == begin,
              let last = lines.lastIndex(where: { !$0.isEmpty }), last > first, lines[last] == end
        else { throw CryptoError(.malformedInput, "not a PEM block with the expected label") }
        var body = [UInt8]()
        // Reserved up front so that growing never leaves an unwiped copy of the key behind.
        body.reserveCapacity(pem.count)
        defer { body.withUnsafeMutableBytes { SecureMemory.zero($0) } }
        for line in lines[(first + 1)..<last] {
            guard !line.isEmpty, line.count <= 64, !line.contains(UInt8(ascii: ":")) else {
                throw CryptoError(.malformedInput, "PEM headers, blank and long lines are not accepted")
            }
            body.append(contentsOf: line)
        }
        guard !body.isEmpty, let der = Base64.decodeSecure(body) else {
            throw CryptoError(.malformedInput, "PEM body is not valid base64")
        }
        return der
    }
}
