import CryptoPrimitives
import Foundation

extension KeyService {
    /// `POST random(/:source)(/:bytes)`.
    func random(_ context: RequestContext, pathSegments: [String]) throws -> VaultResponse {
        var count = context.body?["bytes"]?.integerValue ?? 32
        var format = context.body?["format"]?.stringValue ?? "base64"
        for segment in pathSegments {
            if let number = Int64(segment) { count = number }
            else if ["platform", "seal", "all"].contains(segment) { continue }
            else if segment == "hex" || segment == "base64" { format = segment }
            else { throw KeyServiceError(.invalidRequest, "unsupported random source") }
        }
        guard (1...(128 * 1024)).contains(count) else { throw KeyServiceError(.invalidRequest, "bytes must be between 1 and 131072") }
        let bytes = try SecureRandom.bytes(count: Int(count))
        switch format {
        case "base64": return .ok(["random_bytes": .string(Base64.encode(bytes))], mountType: "transit")
        case "hex": return .ok(["random_bytes": .string(Hex.encode(bytes))], mountType: "transit")
        default: throw KeyServiceError(.invalidRequest, "unsupported encoding format")
        }
    }

    /// `POST hash(/:algorithm)`.
    func hash(_ context: RequestContext, pathAlgorithm: String?) throws -> VaultResponse {
        let body = context.body ?? [:]
        let input = try Self.input(body)
        let algorithm = try Self.digest(pathAlgorithm ?? body["algorithm"]?.stringValue)
        let sum = algorithm.hash(input)
        switch body["format"]?.stringValue ?? "hex" {
        case "hex": return .ok(["sum": .string(Hex.encode(sum))], mountType: "transit")
        case "base64": return .ok(["sum": .string(Base64.encode(sum))], mountType: "transit")
        default: throw KeyServiceError(.invalidRequest, "unsupported encoding format")
        }
    }

    /// `GET|POST cache-config` and `config/keys`.
    func transitSettings(_ context: RequestContext, _ mount: TransitMount, cache: Bool) async throws -> VaultResponse {
        if context.request.method == "GET" {
            let (config, _) = try await transitConfig(mount)
            return cache ? .ok(["size": .integer(config.cacheSize)], mountType: "transit")
                : .ok(["disable_upsert": .bool(config.disableUpsert)], mountType: "transit")
        }
        let updated = try await withRetries { () -> TransitConfig in
            let (config, version) = try await transitConfig(mount)
            var updated = config
            if cache {
                guard let size = context.body?["size"]?.integerValue, size == 0 || size >= 10 else {
                    throw KeyServiceError(.invalidRequest, "size must be 0 or a value greater or equal to 10")
                }
                updated.cacheSize = size
            } else if let disable = context.body?["disable_upsert"]?.boolValue {
                updated.disableUpsert = disable
            }
            try await writeDocument(updated, mount.configPath, expectedVersion: version)
            return updated
        }
        return cache ? .noContent : .ok(["disable_upsert": .bool(updated.disableUpsert)], mountType: "transit")
    }
}
