import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KeyService
@testable import KeyServiceHTTP
import NIOCore
import NIOPosix
import Testing

/// The real listener: NIO's HTTP/1.1 parser with ``ListMethodHandler`` in front, over loopback TCP.
@Suite struct LiveServerTests {
    @Test func listOverTheWire() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            try await client.execute(uri: "/v1/transit/keys/k1", method: .post, headers: server.headers)
            try await client.execute(uri: "/v1/transit/keys", method: .init("LIST")!, headers: server.headers) { response in
                #expect(response.status == .ok)
                #expect(response.json?["data"]?["keys"] == ["k1"])
            }
            try await client.execute(uri: "/v1/transit/keys", method: .init("LOCK")!, headers: server.headers) { response in
                #expect(response.status == .methodNotAllowed, "a client's own LOCK is not LIST")
            }
        }
    }

    @Test func pipelinedRequestsKeepTheirBoundaries() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            let port = try #require(client.port)
            try await client.execute(uri: "/v1/transit/keys/k", method: .post, headers: server.headers)
            // A body that looks like a LIST request must stay a body.
            let body = #"{"plaintext":"TElTVCAvdjEvdHJhbnNpdC9rZXlzIEhUVFAvMS4x","context":null}"#
            let token = server.rootToken
            let stream = "POST /v1/transit/encrypt/k HTTP/1.1\r\nHost: x\r\nX-Vault-Token: \(token)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                + "LIST /v1/transit/keys HTTP/1.1\r\nHost: x\r\nX-Vault-Token: \(token)\r\n\r\n"
                + "GET /v1/sys/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            let answer = try await RawConnection.exchange(port: port, Array(stream.utf8))
            // Responses follow each other directly (a body has no line ending).
            let statuses = answer.components(separatedBy: "HTTP/1.1 ").dropFirst().map { $0.prefix(3) }
            #expect(statuses == ["200", "200", "200"])
            #expect(answer.contains(#""keys":["k"]"#))
            #expect(answer.contains(#""ciphertext":"vault:v1:"#))
        }
    }

    @Test func chunkedBodiesThenList() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            let port = try #require(client.port)
            let body = #"{"type":"aes128-gcm96"}"#
            let stream = "POST /v1/transit/keys/chunked HTTP/1.1\r\nHost: x\r\nX-Vault-Token: \(server.rootToken)\r\nTransfer-Encoding: chunked\r\n\r\n"
                + String(body.utf8.count, radix: 16) + "\r\n" + body + "\r\n0\r\n\r\n"
                + "LIST /v1/transit/keys HTTP/1.1\r\nHost: x\r\nX-Vault-Token: \(server.rootToken)\r\nConnection: close\r\n\r\n"
            let answer = try await RawConnection.exchange(port: port, Array(stream.utf8))
            let statuses = answer.components(separatedBy: "HTTP/1.1 ").dropFirst().map { $0.prefix(3) }
            #expect(statuses == ["200", "200"])
            #expect(answer.contains(#""type":"aes128-gcm96""#))
            #expect(answer.contains(#""keys":["chunked"]"#))
        }
    }

    @Test func malformedHTTPIsRefusedNotFatal() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            let port = try #require(client.port)
            for garbage in ["\u{01}\u{02}\u{03}\r\n\r\n", "GET /v1/sys/health HTTP/9.9\r\n\r\n", "POST /v1/x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"] {
                let answer = try await RawConnection.exchange(port: port, Array(garbage.utf8))
                #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 4"), "\(answer.prefix(40))")
            }
            let truncated = "POST /v1/transit/encrypt/k HTTP/1.1\r\nX-Vault-Token: \(server.rootToken)\r\nContent-Length: 100\r\n\r\n{\"plaintext\""
            let answer = try await RawConnection.exchange(port: port, Array(truncated.utf8))
            #expect(answer.hasPrefix("HTTP/1.1 400"), "a body shorter than announced is a 400, not a 413")
            try await client.execute(uri: "/v1/sys/health", method: .get) { response in
                #expect(response.status == .ok, "still serving")
            }
        }
    }

    @Test(arguments: [("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("localhost", true), ("127.example.com", false),
                      ("0.0.0.0", false), ("10.0.0.1", false), ("127.0.0.256", false), ("127.0.0", false), ("", false), ("::", false)])
    func loopbackAddresses(host: String, loopback: Bool) {
        #expect(ListenerConfiguration.isLoopback(host) == loopback)
    }

    @Test func listenerRefusesPlaintextOffLoopback() async throws {
        let server = try await TestServer.make()
        #expect(throws: ListenerConfigurationError.self) {
            _ = try buildApplication(service: server.service, listener: ListenerConfiguration(host: "0.0.0.0", port: 0), logger: .init(label: "t"))
        }
        #expect(throws: ListenerConfigurationError.self) {
            _ = try buildApplication(service: server.service, listener: ListenerConfiguration(host: "127.0.0.1", port: 0, tlsCertificateFile: "/nonexistent"), logger: .init(label: "t"))
        }
    }
}

/// One TCP connection: writes bytes, half-closes, and reads until the server closes.
enum RawConnection {
    static func exchange(port: Int, _ bytes: [UInt8]) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            outbound.finish()
            var answer = ByteBuffer()
            do {
                for try await var chunk in inbound { answer.writeBuffer(&chunk) }
            } catch {
                // A reset after the answer counts as the end of it.
            }
            return String(buffer: answer)
        }
    }
}
