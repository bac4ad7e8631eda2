public import Foundation

/// Access to the published test vectors under `TestVectors/`, bundled as resources.
///
/// Every file here is listed with its origin, version and license in `TestVectors/SOURCES.md`.
public enum TestVectors {
    /// A vector file could not be found or read.
    public struct MissingVector: Error, CustomStringConvertible {
        /// The path asked for, relative to `TestVectors/`.
        public let path: String
        /// Names the missing file.
        public var description: String { "test vector file not found: \(path)" }
    }

    /// The URL of a bundled file, by its path relative to `TestVectors/` (e.g. `wycheproof/aes_gcm_test.json`).
    public static func url(_ path: String) throws -> URL {
        guard let base = Bundle.module.resourceURL else { throw MissingVector(path: path) }
        let url = base.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingVector(path: path) }
        return url
    }

    /// The bytes of a bundled file.
    public static func data(_ path: String) throws -> Data {
        try Data(contentsOf: url(path))
    }

    /// The UTF-8 text of a bundled file.
    public static func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }

    /// Decodes a JSON vector file.
    public static func json<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(path))
    }

    /// The names of the files in a bundled folder, sorted.
    public static func files(in folder: String, withSuffix suffix: String = "") throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: url(folder).path)
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }
}
