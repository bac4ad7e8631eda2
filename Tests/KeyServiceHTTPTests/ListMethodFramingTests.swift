@testable import KeyServiceHTTP
import NIOCore
import Testing

/// The byte-stream rewriter that lets Vault's `LIST` method past NIO's parser: it renames exactly the method token
/// of each request, finds request boundaries through `Content-Length`, and steps aside on anything else.
@Suite struct ListMethodFramingTests {
    /// Feeds `chunks` and returns everything forwarded, as a string.
    static func run(_ chunks: [String], flush: Bool = false) -> (String, ListMethodFraming.State) {
        var framing = ListMethodFraming()
        var output = ""
        for chunk in chunks {
            if case .forward(let bytes) = framing.read(ByteBuffer(string: chunk)) { output += String(buffer: bytes) }
        }
        if flush, let rest = framing.flush() { output += String(buffer: rest) }
        return (output, framing.state)
    }

    @Test func rewritesListAndLock() {
        #expect(Self.run(["LIST /v1/transit/keys HTTP/1.1\r\nHost: x\r\n\r\n"]).0 == "LOCK /v1/transit/keys HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(Self.run(["LOCK /v1/x HTTP/1.1\r\n\r\n"]).0 == "UNLOCK /v1/x HTTP/1.1\r\n\r\n")
        for method in ["GET", "POST", "PUT", "DELETE", "HEAD", "LISTS", "list", "UNLOCK"] {
            let request = "\(method) /v1/x HTTP/1.1\r\n\r\n"
            #expect(Self.run([request]).0 == request, "\(method) passes unchanged")
        }
    }

    @Test func bodiesAreSkippedNotRewritten() {
        let body = "LIST /v1/evil HTTP/1.1\r\n\r\n"
        let first = "POST /v1/a HTTP/1.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let second = "LIST /v1/b HTTP/1.1\r\ncontent-length:  0 \r\n\r\n"
        let (output, state) = Self.run([first + second])
        #expect(output == first + second.replacingOccurrences(of: "LIST", with: "LOCK"))
        #expect(state == .head(nil))
    }

    @Test(arguments: [1, 2, 3, 7, 50])
    func splitAtAnyBoundary(chunkSize: Int) {
        let stream = "\r\nLIST /v1/a HTTP/1.1\r\nContent-Length: 4\r\n\r\nLISTLIST /v1/b HTTP/1.1\r\n\r\nGET /v1/c HTTP/1.1\r\n\r\n"
        let bytes = Array(stream.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map { String(decoding: bytes[$0..<min($0 + chunkSize, bytes.count)], as: UTF8.self) }
        let expected = "\r\nLOCK /v1/a HTTP/1.1\r\nContent-Length: 4\r\n\r\nLISTLOCK /v1/b HTTP/1.1\r\n\r\nGET /v1/c HTTP/1.1\r\n\r\n"
        #expect(Self.run(chunks).0 == expected)
    }

    @Test func bareLineFeedsEndAHead() {
        #expect(Self.run(["LIST /v1/a HTTP/1.1\nHost: x\n\nLIST /v1/b HTTP/1.1\n\n"]).0 == "LOCK /v1/a HTTP/1.1\nHost: x\n\nLOCK /v1/b HTTP/1.1\n\n")
    }

    @Test(arguments: [
        "POST /v1/a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "POST /v1/a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
        "POST /v1/a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /v1/a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "POST /v1/a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhiXX",
        "POST /v1/a HTTP/1.1\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n",
        "POST /v1/a HTTP/1.1\r\nContent-Length: -4\r\n\r\n",
        "POST /v1/a HTTP/1.1\r\nContent-Length: 4x\r\n\r\n",
        "POST /v1/a HTTP/1.1\r\nContent-Length : 4\r\n\r\n",
        "POST /v1/a HTTP/1.1\r\nX-A: b\r\n folded\r\n\r\n",
        "GET /v1/a HTTP/1.1\r\nUpgrade: websocket\r\n\r\n",
        "CONNECT host:443 HTTP/1.1\r\n\r\n",
        "GET\r\n\r\n",
        "POST /v1/a HTTP/1.1\r\nno colon here\r\n\r\n",
    ])
    func unclearFramingPassesThrough(head: String) {
        let next = "LIST /v1/b HTTP/1.1\r\n\r\n"
        let (output, state) = Self.run([head + next])
        #expect(state == .passthrough)
        #expect(output == head + next, "bytes after an unclear head are not touched")
    }

    static let chunkedStream = "POST /v1/a HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n"
        + "5;ext=1\r\nLIST \r\n" + "1A\r\n" + "LIST /v1/evil HTTP/1.1\r\n\r\n" + "\r\n" + "0\r\nX-Trailer: LIST\r\n\r\n"
        + "LIST /v1/b HTTP/1.1\r\n\r\n"

    @Test(arguments: [1, 2, 5, 1000])
    func chunkedBodiesAreSkipped(chunkSize: Int) {
        let bytes = Array(Self.chunkedStream.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map { String(decoding: bytes[$0..<min($0 + chunkSize, bytes.count)], as: UTF8.self) }
        let (output, state) = Self.run(chunks)
        let expected = String(Self.chunkedStream.dropLast("LIST /v1/b HTTP/1.1\r\n\r\n".count)) + "LOCK /v1/b HTTP/1.1\r\n\r\n"
        #expect(output == expected)
        #expect(state == .head(nil))
    }

    @Test func chunkSizes() {
        #expect(ListMethodFraming.chunkSize(Array("1a".utf8)) == 26)
        #expect(ListMethodFraming.chunkSize(Array("FF;name=value".utf8)) == 255)
        #expect(ListMethodFraming.chunkSize(Array("0".utf8)) == 0)
        #expect(ListMethodFraming.chunkSize(Array("".utf8)) == nil)
        #expect(ListMethodFraming.chunkSize(Array("-1".utf8)) == nil)
        #expect(ListMethodFraming.chunkSize(Array("0x10".utf8)) == nil)
        #expect(ListMethodFraming.chunkSize(Array(String(repeating: "f", count: 16).utf8)) == nil)
    }

    @Test func duplicateEqualLengthsAreFine() {
        let request = "POST /v1/a HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi"
        #expect(Self.run([request + "LIST /v1/b HTTP/1.1\r\n\r\n"]).0 == request + "LOCK /v1/b HTTP/1.1\r\n\r\n")
    }

    @Test func oversizedHeadsPassThrough() {
        let huge = "GET /v1/a HTTP/1.1\r\nX-Long: " + String(repeating: "a", count: ListMethodFraming.maximumHeadSize + 10)
        let (output, state) = Self.run([huge])
        #expect(state == .passthrough)
        #expect(output == huge)
    }

    @Test func headsDribbledOneByteAtATime() {
        // Linear, not quadratic: a 90 KiB head one byte per read.
        let head = "LIST /v1/a HTTP/1.1\r\n" + String(repeating: "X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", count: 1000) + "\r\n"
        var framing = ListMethodFraming()
        var output = ByteBuffer()
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for byte in head.utf8 {
                if case .forward(let bytes) = framing.read(ByteBuffer(bytes: [byte])) { output.writeImmutableBuffer(bytes) }
            }
        }
        #expect(String(buffer: output) == "LOCK" + head.dropFirst(4))
        #expect(elapsed < .seconds(5), "\(elapsed)")
    }

    @Test func incompleteHeadsWaitAndFlushAtEnd() {
        let (waiting, state) = Self.run(["LIST /v1/a HTTP/1.1\r\nHost"])
        #expect(waiting.isEmpty)
        #expect(state != .passthrough)
        #expect(Self.run(["LIST /v1/a HTTP/1.1\r\nHost"], flush: true).0 == "LIST /v1/a HTTP/1.1\r\nHost")
    }

    @Test func largeBodiesStreamThrough() {
        let body = String(repeating: "LIST ", count: 100_000)
        let head = "POST /v1/a HTTP/1.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        let bytes = Array((head + body + "LIST /v1/b HTTP/1.1\r\n\r\n").utf8)
        let chunks = stride(from: 0, to: bytes.count, by: 65536).map { String(decoding: bytes[$0..<min($0 + 65536, bytes.count)], as: UTF8.self) }
        #expect(Self.run(chunks).0 == head + body + "LOCK /v1/b HTTP/1.1\r\n\r\n")
    }
}
