import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KeyService
import KeyServiceHTTP
import NIOCore
import Testing

/// Vault's HTTP conventions, through Hummingbird's router test client (no sockets).
@Suite struct VaultResponderTests {
    @Test func envelopeAndExactContentType() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/v1/transit/keys/k", method: .post, headers: server.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let body = try #require(response.json)
                for field in ["request_id", "lease_id", "renewable", "lease_duration", "data", "wrap_info", "warnings", "auth", "mount_type"] {
                    #expect(body.objectValue?[field] != nil, "envelope field \(field)")
                }
                #expect(body["data"]?["name"] == "k")
            }
            try await client.execute(uri: "/v1/transit/keys/k", method: .get, headers: server.headers) { response in
                #expect(response.status == .ok)
                #expect(response.json?["data"]?["type"] == "aes256-gcm96")
            }
        }
    }

    @Test func errorsBodies() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/v1/transit/keys/missing", method: .get, headers: server.headers) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.json == ["errors": []])
            }
            try await client.execute(uri: "/v1/transit/keys/k", method: .get) { response in
                #expect(response.status == .forbidden)
                #expect(response.json == ["errors": ["permission denied"]])
            }
            try await client.execute(uri: "/nope", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func listMethodAndQuery() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/v1/transit/keys", method: .init("LIST")!, headers: server.headers) { response in
                #expect(response.status == .notFound, "no keys yet: 404 as Vault")
            }
            try await client.execute(uri: "/v1/transit/keys/a", method: .put, headers: server.headers)
            try await client.execute(uri: "/v1/transit/keys/b", method: .post, headers: server.headers)
            for (method, uri) in [(HTTPRequest.Method("LIST")!, "/v1/transit/keys"), (.get, "/v1/transit/keys?list=true"), (HTTPRequest.Method("LOCK")!, "/v1/transit/keys")] {
                try await client.execute(uri: uri, method: method, headers: server.headers) { response in
                    #expect(response.status == .ok)
                    #expect(response.json?["data"]?["keys"] == ["a", "b"])
                }
            }
            for method in ["UNLOCK", "PATCH", "OPTIONS", "PROPFIND"] {
                try await client.execute(uri: "/v1/transit/keys", method: .init(method)!, headers: server.headers) { response in
                    #expect(response.status == .methodNotAllowed, "\(method)")
                }
            }
        }
    }

    @Test func putIsPost() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            let body = ByteBuffer(json: ["plaintext": .string(Data("hi".utf8).base64EncodedString())])
            let ciphertext = try await client.execute(uri: "/v1/transit/encrypt/k", method: .put, headers: server.headers, body: body) { response in
                #expect(response.status == .ok)
                return response.json?["data"]?["ciphertext"]?.stringValue
            }
            try await client.execute(uri: "/v1/transit/decrypt/k", method: .post, headers: server.headers, body: ByteBuffer(json: ["ciphertext": .string(ciphertext ?? "")])) { response in
                #expect(response.json?["data"]?["plaintext"] == .string(Data("hi".utf8).base64EncodedString()))
            }
        }
    }

    @Test func noContentAndHead() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/v1/sys/policy/p", method: .put, headers: server.headers,
                                     body: ByteBuffer(json: ["policy": #"{"path": {"a": {"capabilities": ["read"]}}}"#])) { response in
                #expect(response.status == .noContent)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/v1/sys/health", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test(arguments: [
        ("{", "failed to parse JSON input"),
        ("[1]", "request body must be a JSON object"),
        ("\"text\"", "request body must be a JSON object"),
        ("{\"a\":1} {}", "failed to parse JSON input"),
        (String(repeating: "[", count: 100) + String(repeating: "]", count: 100), "failed to parse JSON input"),
    ])
    func malformedBodies(body: String, message: String) async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/v1/transit/encrypt/k", method: .post, headers: server.headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                #expect(response.json == ["errors": [.string(message)]])
            }
        }
    }

    @Test func bodyCap() async throws {
        let server = try await TestServer.make()
        try await server.application(maximumBodySize: 1024).test(.router) { client in
            let big = ByteBuffer(json: ["plaintext": .string(String(repeating: "A", count: 2000))])
            try await client.execute(uri: "/v1/transit/encrypt/k", method: .post, headers: server.headers, body: big) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.json == ["errors": ["request body too large"]])
            }
            let small = ByteBuffer(json: ["plaintext": .string(String(repeating: "A", count: 800))])
            try await client.execute(uri: "/v1/transit/encrypt/k", method: .post, headers: server.headers, body: small) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func sealedAndUninitialized() async throws {
        let fresh = try await TestServer.make(initialize: false)
        try await fresh.application().test(.router) { client in
            try await client.execute(uri: "/v1/transit/keys", method: .init("LIST")!) { response in
                #expect(response.status == .notImplemented)
            }
            try await client.execute(uri: "/v1/sys/init", method: .get) { response in
                #expect(response.json == ["initialized": false])
            }
        }
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/v1/sys/seal", method: .post, headers: server.headers) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/v1/transit/keys/k", method: .get, headers: server.headers) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.json == ["errors": ["Vault is sealed"]])
            }
            try await client.execute(uri: "/v1/sys/seal-status", method: .get) { response in
                #expect(response.json?["sealed"] == true)
            }
        }
    }

    @Test func tokenHeaders() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/v1/auth/token/lookup-self", method: .get, headers: [.authorization: "Bearer \(server.rootToken)"]) { response in
                #expect(response.status == .ok)
                #expect(response.json?["data"]?["policies"] == ["root"])
            }
            try await client.execute(uri: "/v1/auth/token/lookup-self", method: .get, headers: [.authorization: "Basic \(server.rootToken)"]) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func noopRouteOnlyWhenEnabled() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/v1/sys/noop", method: .post, headers: server.headers) { response in
                #expect(response.status != .ok)
            }
        }
        try await server.application(enableNoopRoute: true).test(.router) { client in
            try await client.execute(uri: "/v1/sys/noop", method: .post, headers: server.headers) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
