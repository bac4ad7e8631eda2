public import CryptoPrimitives
public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import StrictJSON

/// A minimal client for the Transit operations envelope encryption needs (`datakey/plaintext`, `encrypt`,
/// `decrypt`, `rewrap`), against keyserviced or HashiCorp Vault over HTTP(S). The token is held in
/// ``SecureBytes`` and sent only in the `X-Vault-Token` header; responses are parsed with ``StrictJSON``.
///
/// Request and response bodies that carry a plaintext data key pass through Foundation's buffers, which are not
/// zeroized; the data key is copied into ``SecureBytes`` as soon as it is decoded.
public final class TransitClient: Sendable {
    /// The server, e.g. `http://127.0.0.1:8200`.
    public let baseURL: URL
    private let token: SecureBytes
    private let session: URLSession
    /// The longest response body read (1 MiB).
    static let maximumResponseBytes = 1 << 20

    /// A client for `baseURL` authenticating with `token`.
    public init(baseURL: URL, token: SecureBytes, timeout: TimeInterval = 30) throws {
        guard let scheme = baseURL.scheme, scheme == "http" || scheme == "https" else {
            throw TransitError(.invalidReference, "key service URL must be http or https")
        }
        self.baseURL = baseURL
        self.token = token
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// A new data key of `bits` (256) under the key, and its wrapped form (`vault:vN:…`).
    public func generateDataKey(_ key: TransitKeyReference, bits: Int = 256, context: [UInt8]?, associatedData: [UInt8]?) async throws -> (plaintext: SecureBytes, ciphertext: String) {
        var body: [String: JSONValue] = ["bits": .integer(Int64(bits))]
        add(context: context, associatedData: associatedData, to: &body)
        let data = try await post(key, path: "datakey/plaintext/\(key.keyName)", body: body)
        guard let ciphertext = data["ciphertext"]?.stringValue, let encoded = data["plaintext"]?.stringValue else {
            throw TransitError(.malformedResponse, "datakey response lacks plaintext or ciphertext")
        }
        return (try Self.decodeSecret(encoded), ciphertext)
    }

    /// Wraps `plaintext` under the latest version of the key.
    public func encrypt(_ key: TransitKeyReference, plaintext: SecureBytes, context: [UInt8]?, associatedData: [UInt8]?) async throws -> String {
        var body: [String: JSONValue] = ["plaintext": .string(plaintext.withUnsafeBytes { Data($0).base64EncodedString() })]
        add(context: context, associatedData: associatedData, to: &body)
        let data = try await post(key, path: "encrypt/\(key.keyName)", body: body)
        guard let ciphertext = data["ciphertext"]?.stringValue else { throw TransitError(.malformedResponse, "encrypt response lacks ciphertext") }
        return ciphertext
    }

    /// Unwraps a `vault:vN:…` ciphertext.
    public func decrypt(_ key: TransitKeyReference, ciphertext: String, context: [UInt8]?, associatedData: [UInt8]?) async throws -> SecureBytes {
        var body: [String: JSONValue] = ["ciphertext": .string(ciphertext)]
        add(context: context, associatedData: associatedData, to: &body)
        let data = try await post(key, path: "decrypt/\(key.keyName)", body: body)
        guard let encoded = data["plaintext"]?.stringValue else { throw TransitError(.malformedResponse, "decrypt response lacks plaintext") }
        return try Self.decodeSecret(encoded)
    }

    /// Re-wraps a ciphertext under the key's latest version inside the service: the plaintext never leaves it.
    public func rewrap(_ key: TransitKeyReference, ciphertext: String, context: [UInt8]?, associatedData: [UInt8]?) async throws -> String {
        var body: [String: JSONValue] = ["ciphertext": .string(ciphertext)]
        add(context: context, associatedData: associatedData, to: &body)
        let data = try await post(key, path: "rewrap/\(key.keyName)", body: body)
        guard let rewrapped = data["ciphertext"]?.stringValue else { throw TransitError(.malformedResponse, "rewrap response lacks ciphertext") }
        return rewrapped
    }

    private func add(context: [UInt8]?, associatedData: [UInt8]?, to body: inout [String: JSONValue]) {
        if let context { body["context"] = .string(Data(context).base64EncodedString()) }
        if let associatedData, !associatedData.isEmpty { body["associated_data"] = .string(Data(associatedData).base64EncodedString()) }
    }

    private func post(_ key: TransitKeyReference, path: String, body: [String: JSONValue]) async throws -> JSONValue {
        let url = baseURL.appendingPathComponent("v1").appendingPathComponent(key.mount).appendingPathComponent(path)
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(token.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }, forHTTPHeaderField: "X-Vault-Token")
        if !key.namespace.isEmpty { request.setValue(key.namespace, forHTTPHeaderField: "X-Vault-Namespace") }
        request.httpBody = JSONValue.object(body).serialized()
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw TransitError(.unreachable, "key service request failed")
        }
        guard let http = response as? HTTPURLResponse else { throw TransitError(.malformedResponse, "not an HTTP response") }
        guard (200..<300).contains(http.statusCode) else { throw TransitError(.rejected, "key service refused the request", status: http.statusCode) }
        guard data.count <= Self.maximumResponseBytes, let parsed = try? JSONValue.parse(data), let payload = parsed["data"], payload.objectValue != nil else {
            throw TransitError(.malformedResponse, "key service response is not a Transit answer")
        }
        return payload
    }

    static func decodeSecret(_ encoded: String) throws -> SecureBytes {
        guard var bytes = Data(base64Encoded: encoded).map({ [UInt8]($0) }) else {
            throw TransitError(.malformedResponse, "plaintext is not base64")
        }
        defer { bytes.withUnsafeMutableBytes { SecureMemory.zero($0) } }
        return SecureBytes(copying: bytes)
    }
}
