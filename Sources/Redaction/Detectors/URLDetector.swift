/// URLs: with a scheme (`https://`, `http://`, `ftp://`), starting `www.`, or a bare `host.tld/path` whose TLD is
/// real. A bare `host.tld` without a path counts only for TLDs that are not also common file extensions or words
/// (`.py`, `.md`, `.zip`, `.me`, …). Trailing sentence punctuation is not part of the URL; email domains are not
/// URLs.
struct URLDetector: Detector {
    static let schemes: [[UInt8]] = ["https://", "http://", "ftp://", "ftps://", "sftp://", "ws://", "wss://"].map { Array($0.utf8) }
    static let www = Array("www.".utf8)

    @inline(__always) static func isURLByte(_ c: UInt8) -> Bool {
        c > 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "<") && c != UInt8(ascii: ">") && c != UInt8(ascii: "`")
            && c != UInt8(ascii: "{") && c != UInt8(ascii: "}") && c != UInt8(ascii: "|") && c != UInt8(ascii: "\\") && c != UInt8(ascii: "^")
    }

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        let b = input.bytes
        let n = b.count
        var i = 0
        while i < n {
            guard ByteClass.isAlphanumeric(b[i]), i == 0 || !(ByteClass.isAlphanumeric(b[i - 1]) || b[i - 1] == UInt8(ascii: "@")
                || b[i - 1] == UInt8(ascii: ".") || b[i - 1] == UInt8(ascii: "/") || b[i - 1] == UInt8(ascii: "-")) else { i += 1; continue }
            var hostStart = i
            var explicit = false
            for scheme in Self.schemes where hasPrefix(b, i, scheme) {
                hostStart = i + scheme.count
                explicit = true
                break
            }
            if !explicit, hasPrefix(b, i, Self.www) { explicit = true }
            // Host: a domain with a real TLD, or (with a scheme) an IP address or localhost.
            var hostEnd = EmailDetector.domainEnd(b, hostStart)
            if hostEnd == nil, explicit, hostStart > i {
                var p = hostStart
                while p < n, EmailDetector.isDomain(b[p]) || b[p] == UInt8(ascii: ".") || b[p] == UInt8(ascii: ":") || b[p] == UInt8(ascii: "[") || b[p] == UInt8(ascii: "]") { p += 1 }
                if p > hostStart { hostEnd = p }
            }
            guard let host = hostEnd else {
                // Skip the whole dotted run, so a long `a.a.a.a…` is looked at once.
                i = hostStart + 1
                while i < n, EmailDetector.isDomain(b[i]) || b[i] == UInt8(ascii: ".") { i += 1 }
                continue
            }
            // An email's domain is not a URL.
            if host < n, b[host] == UInt8(ascii: "@") { i = host + 1; continue }
            var end = host
            if end < n, b[end] == UInt8(ascii: ":") || b[end] == UInt8(ascii: "/") || b[end] == UInt8(ascii: "?") || b[end] == UInt8(ascii: "#") {
                while end < n, Self.isURLByte(b[end]) { end += 1 }
                // Trailing punctuation belongs to the sentence.
                while end > host, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"),
                                   UInt8(ascii: ":"), UInt8(ascii: ")"), UInt8(ascii: "'"), UInt8(ascii: "]")].contains(b[end - 1]) {
                    if b[end - 1] == UInt8(ascii: ")"), b[host..<end].contains(UInt8(ascii: "(")) { break }
                    end -= 1
                }
            } else if end < n, ByteClass.isAlphanumeric(b[end]) || b[end] == UInt8(ascii: "@") {
                i = end; continue
            }
            let hasPath = end > host
            if !explicit && !hasPath {
                // A bare host: its TLD must not double as a file extension or word.
                var s = host
                while s > i, b[s - 1] != UInt8(ascii: ".") { s -= 1 }
                var h = WordHash.offset
                for c in b[s..<host] { h = WordHash.step(h, c) }
                if TopLevelDomains.ambiguousBare.contains(h) || host - i < 4 { i = host; continue }
            }
            let score = explicit ? 0.95 : (hasPath ? 0.8 : 0.6)
            out.append(Candidate(type: .url, range: i..<end, score: score, detector: "url"))
            i = end
        }
    }

    private func hasPrefix(_ b: [UInt8], _ i: Int, _ prefix: [UInt8]) -> Bool {
        guard i + prefix.count <= b.count else { return false }
        for k in 0..<prefix.count where ByteClass.lower(b[i + k]) != prefix[k] { return false }
        return true
    }
}
