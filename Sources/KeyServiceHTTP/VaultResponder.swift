public import Hummingbird
public import KeyService
import Foundation
import HTTPTypes
import NIOCore
import StrictJSON

/// Serves Vault's HTTP API (`/v1/...`) from a ``KeyService``: Vault's response envelope, `{"errors": [...]}` bodies
/// with `Content-Type: application/json` exactly (hvac compares the string), `LIST` and `?list=true`, PUT = POST,
/// and a 32 MiB request cap.
public struct VaultResponder: HTTPResponder {
    /// Hummingbird's basic context.
    public typealias Context = BasicRequestContext

    let service: KeyService
    let maximumBodySize: Int
    let enableNoopRoute: Bool

    /// A responder for `service`.
    public init(service: KeyService, maximumBodySize: Int = 32 << 20, enableNoopRoute: Bool = false) {
        self.service = service
        self.maximumBodySize = maximumBodySize
        self.enableNoopRoute = enableNoopRoute
    }

    /// Answers one request.
    public func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let path = request.uri.path
        guard path.hasPrefix("/v1/") else { return Self.json(404, ["errors": []]) }
        // Over HTTP/1.1, `LIST` arrives renamed `LOCK` by ListMethodHandler (a client's own `LOCK` arrives as
        // `UNLOCK`, refused below); a transport that passes `LIST` through is served as well.
        let method: String
        switch request.method {
        case .get, .post, .put, .delete, .head: method = request.method.rawValue
        case HTTPRequest.Method("LOCK"), HTTPRequest.Method("LIST"): method = "LIST"
        default: return Self.json(405, ["errors": ["unsupported operation"]])
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maximumBodySize)
        } catch is NIOTooManyBytesError {
            return Self.json(413, ["errors": ["request body too large"]])
        } catch {
            // The client went away or sent less than it announced.
            return Self.json(400, ["errors": ["incomplete request body"]])
        }
        if enableNoopRoute, path == "/v1/sys/noop" {
            // A route that parses the request like any other but does nothing: the benchmark's baseline.
            return Self.json(200, ["data": ["ok": true]])
        }
        var query: [String: String] = [:]
        if request.uri.query != nil {
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        }
        let rawPath = String(decoding: path.utf8.dropFirst(4), as: UTF8.self)
        let vaultRequest = VaultRequest(
            method: method,
            path: rawPath.utf8.contains(UInt8(ascii: "%")) ? rawPath.removingPercentEncoding ?? rawPath : rawPath,
            query: query,
            token: Self.token(request.headers),
            namespace: request.headers[Self.namespaceHeader],
            bodyData: Data(buffer: buffer)
        )
        let response = await service.handle(vaultRequest)
        guard request.method != .head, response.status != 204, let bytes = response.serializedBody() else {
            return Response(status: .init(code: response.status), headers: [.contentType: "application/json"])
        }
        return Self.json(response.status, bytes: bytes)
    }

    static let tokenHeader = HTTPField.Name("X-Vault-Token")!
    static let namespaceHeader = HTTPField.Name("X-Vault-Namespace")!

    static func token(_ headers: HTTPFields) -> String? {
        if let token = headers[tokenHeader], !token.isEmpty { return token }
        if let authorization = headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    static func json(_ status: Int, _ body: JSONValue) -> Response {
        json(status, bytes: body.serializedBytes())
    }

    static func json(_ status: Int, bytes: [UInt8]) -> Response {
        Response(
            status: .init(code: status),
            headers: [.contentType: "application/json", .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
