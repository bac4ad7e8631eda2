/// IANA's top-level domains (see `Data/TopLevelDomainData.swift`), looked up by word hash.
enum TopLevelDomains {
    static let hashes: Set<UInt64> = Set(list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { WordHash.of(String($0)) })

    /// TLDs that are also common file extensions or words; a bare `name.tld` with one of these is not taken for a
    /// web address without a scheme, `www.` or a path.
    static let ambiguousBare: Set<UInt64> = Set([
        "py", "sh", "md", "rs", "pl", "zip", "mov", "so", "am", "pm", "in", "it", "is", "at", "be", "do", "go", "me",
        "no", "to", "us", "cc", "cv", "pdf", "doc", "txt", "csv", "json", "exe", "dll", "jar", "gz", "js", "ts", "swift",
        "log", "png", "jpg", "gif", "id", "ms", "mp", "sc", "st", "tv", "ps", "cs", "ml", "fm", "ai", "sys", "app", "dev",
    ].map { WordHash.of($0) })

    static func isTLD(_ hash: UInt64) -> Bool { hashes.contains(hash) }
}
