import HummingbirdCore
import Logging
import NIOCore

/// Tracks HTTP/1.1 request framing on the raw byte stream so that Vault's `LIST` method can reach the router.
///
/// SwiftNIO's parser (llhttp) rejects methods it does not know, and `LIST` is one of them, yet hvac and the Vault CLI
/// send it. This state machine sits in front of the parser and renames the method token of each request:
/// `LIST` becomes `LOCK` (which llhttp accepts and the responder treats as `LIST`), and a genuine `LOCK` becomes
/// `UNLOCK` (which the responder answers with 405, as Vault answers any WebDAV method). Nothing else is changed.
///
/// To find where each request starts it reads request heads and skips bodies, by `Content-Length` or by the
/// `chunked` transfer coding (chunk sizes, data, trailers). Whenever framing is anything else (other transfer
/// codings, conflicting or malformed lengths, upgrades, obsolete line folding, oversized heads or chunk lines) it
/// stops rewriting for the rest of the connection and passes bytes through untouched, so NIO's parser alone
/// decides; the worst such a connection sees is a 400 for a later `LIST`. It never reorders, drops or invents
/// bytes outside the method token.
struct ListMethodFraming {
    /// What the caller forwards to the HTTP parser.
    enum Action: Equatable {
        /// Forward these bytes.
        case forward(ByteBuffer)
        /// Nothing to forward yet (a request head is incomplete).
        case wait
    }

    enum State: Equatable {
        /// Collecting the head of the next request.
        case head(ByteBuffer?)
        /// Skipping this many body bytes.
        case body(Int)
        /// Reading a chunk-size line (bytes so far).
        case chunkSize([UInt8])
        /// Skipping this many bytes of chunk data.
        case chunkData(Int)
        /// Reading the empty line after chunk data.
        case chunkEnd([UInt8])
        /// Reading trailer fields after the last chunk, until an empty line.
        case trailer([UInt8])
        /// Framing was not plain; every byte passes through.
        case passthrough
    }

    /// Heads larger than this are not tracked (NIO's own limits are 80 KiB for fields and for the list).
    static let maximumHeadSize = 96 * 1024
    /// Chunk-size lines (with extensions) and trailer lines longer than this are not tracked.
    static let maximumLineSize = 8 * 1024

    private(set) var state: State = .head(nil)
    /// Where scanning the pending head resumes (the start of its last, incomplete line).
    private var headScanOffset = 0

    private mutating func takePendingHead() -> ByteBuffer {
        guard case .head(let pending) = state else { return ByteBuffer() }
        state = .passthrough
        return pending ?? ByteBuffer()
    }

    /// Consumes bytes read from the connection.
    mutating func read(_ input: ByteBuffer) -> Action {
        var input = input
        var output = ByteBuffer()
        while input.readableBytes > 0 {
            switch state {
            case .passthrough:
                output.writeImmutableBuffer(input)
                input.moveReaderIndex(to: input.writerIndex)
            case .body(let remaining), .chunkData(let remaining):
                let count = min(remaining, input.readableBytes)
                if let slice = input.readSlice(length: count) { output.writeImmutableBuffer(slice) }
                if case .body = state {
                    state = remaining == count ? .head(nil) : .body(remaining - count)
                } else {
                    state = remaining == count ? .chunkEnd([]) : .chunkData(remaining - count)
                }
            case .chunkSize(var line), .chunkEnd(var line), .trailer(var line):
                // Forward bytes as they are consumed, up to and including the line feed.
                guard let byte = input.readInteger(as: UInt8.self) else { break }
                output.writeInteger(byte)
                guard byte == 0x0A else {
                    line.append(byte)
                    if line.count > Self.maximumLineSize { state = .passthrough; break }
                    switch state {
                    case .chunkSize: state = .chunkSize(line)
                    case .chunkEnd: state = .chunkEnd(line)
                    default: state = .trailer(line)
                    }
                    break
                }
                if line.last == 0x0D { line.removeLast() }
                switch state {
                case .chunkSize:
                    switch Self.chunkSize(line) {
                    case 0?: state = .trailer([])
                    case let size?: state = .chunkData(size)
                    case nil: state = .passthrough
                    }
                case .chunkEnd:
                    state = line.isEmpty ? .chunkSize([]) : .passthrough
                default:
                    state = line.isEmpty ? .head(nil) : .trailer([])
                }
            case .head:
                // Take the pending bytes out of `state` first, so appending does not copy them (a head dribbled in
                // one byte per read must stay linear), and resume the scan where the last one stopped.
                var head = takePendingHead()
                head.writeImmutableBuffer(input)
                input.moveReaderIndex(to: input.writerIndex)
                let scan = Self.endOfHead(head, from: headScanOffset)
                guard let end = scan.end else {
                    if head.readableBytes > Self.maximumHeadSize {
                        state = .passthrough
                        output.writeImmutableBuffer(head)
                    } else {
                        headScanOffset = scan.resume
                        state = .head(head)
                    }
                    break
                }
                headScanOffset = 0
                // Bytes after the head go back to the input for the next state.
                guard let headBytes = head.readSlice(length: end) else { state = .passthrough; output.writeImmutableBuffer(head); break }
                input = head
                let (rewritten, framing) = Self.process(headBytes)
                output.writeImmutableBuffer(rewritten)
                switch framing {
                case .length(0): state = .head(nil)
                case .length(let length): state = .body(length)
                case .chunked: state = .chunkSize([])
                case .unknown: state = .passthrough
                }
            }
        }
        return output.readableBytes > 0 ? .forward(output) : .wait
    }

    /// At end of input: whatever is held back goes to the parser, which reports it as it sees fit.
    mutating func flush() -> ByteBuffer? {
        defer { state = .passthrough }
        if case .head(let pending?) = state, pending.readableBytes > 0 { return pending }
        return nil
    }

    enum Framing: Equatable {
        case length(Int)
        case chunked
        case unknown
    }

    /// The size on a chunk-size line (hexadecimal, optionally followed by `;extensions`), or `nil`.
    static func chunkSize(_ line: [UInt8]) -> Int? {
        var digits = line.prefix { $0 != 0x3B }[...]
        while let last = digits.last, last == 0x20 || last == 0x09 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 15 else { return nil }
        var size = 0
        for digit in digits {
            switch digit {
            case 0x30...0x39: size = size * 16 + Int(digit - 0x30)
            case 0x41...0x46: size = size * 16 + Int(digit - 0x41 + 10)
            case 0x61...0x66: size = size * 16 + Int(digit - 0x61 + 10)
            default: return nil
            }
        }
        return size
    }

    /// The offset just past the empty line that ends a head (CRLF or bare LF line endings), skipping empty lines
    /// before the request line as llhttp does.
    static func endOfHead(_ buffer: ByteBuffer, from resume: Int = 0) -> (end: Int?, resume: Int) {
        buffer.withUnsafeReadableBytes { bytes -> (Int?, Int) in
            var index = resume
            if index == 0 {
                while index < bytes.count, bytes[index] == 0x0D || bytes[index] == 0x0A { index += 1 }
                if index == bytes.count { return (nil, 0) }
            }
            var lineStart = index
            while index < bytes.count {
                if bytes[index] == 0x0A {
                    let length = index - lineStart
                    if length == 0 || (length == 1 && bytes[lineStart] == 0x0D) { return (index + 1, 0) }
                    lineStart = index + 1
                }
                index += 1
            }
            return (nil, lineStart)
        }
    }

    /// Renames the method and reads the body framing from a complete head.
    static func process(_ head: ByteBuffer) -> (ByteBuffer, Framing) {
        head.withUnsafeReadableBytes { bytes -> (ByteBuffer, Framing) in
            var start = 0
            while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
            var space = start
            while space < bytes.count, bytes[space] != 0x20 { space += 1 }
            guard space < bytes.count else { return (head, .unknown) }
            let method = UnsafeRawBufferPointer(rebasing: bytes[start..<space])
            let framing = method.elementsEqual("CONNECT".utf8) ? .unknown : Self.framing(UnsafeRawBufferPointer(rebasing: bytes[space...]))
            let replacement: StaticString
            if method.elementsEqual("LIST".utf8) {
                replacement = "LOCK"
            } else if method.elementsEqual("LOCK".utf8) {
                replacement = "UNLOCK"
            } else {
                return (head, framing)  // the common case: forwarded as is, no copy
            }
            var output = ByteBuffer()
            output.reserveCapacity(bytes.count + 2)
            output.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[..<start]))
            output.writeStaticString(replacement)
            output.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[space...]))
            return (output, framing)
        }
    }

    /// `Content-Length` framing, or `chunked` as the only transfer coding, when unambiguous; `.unknown` otherwise.
    /// `bytes` starts after the method (the rest of the request line, then the header lines).
    static func framing(_ bytes: UnsafeRawBufferPointer) -> Framing {
        var length: Int?
        var chunked = false
        // Skip the request line.
        guard var lineStart = bytes.firstIndex(of: 0x0A).map({ $0 + 1 }) else { return .unknown }
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            defer { lineStart = lineEnd + 1 }
            if end == lineStart { break }
            let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<end])
            if line[0] == 0x20 || line[0] == 0x09 { return .unknown }
            guard let colon = line.firstIndex(of: 0x3A) else { return .unknown }
            let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
            if name.contains(where: { $0 == 0x20 || $0 == 0x09 }) { return .unknown }
            var valueStart = colon + 1
            var valueEnd = line.count
            while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
            while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            let value = UnsafeRawBufferPointer(rebasing: line[valueStart..<valueEnd])
            if Self.equalsIgnoringCase(name, "transfer-encoding") {
                guard !chunked, Self.equalsIgnoringCase(value, "chunked") else { return .unknown }
                chunked = true
            } else if Self.equalsIgnoringCase(name, "upgrade") {
                return .unknown
            } else if Self.equalsIgnoringCase(name, "content-length") {
                guard !value.isEmpty, value.count <= 15, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .unknown }
                let parsed = value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                if let length, length != parsed { return .unknown }
                length = parsed
            }
        }
        if chunked { return length == nil ? .chunked : .unknown }
        return .length(length ?? 0)
    }

    /// ASCII case-insensitive comparison with a lowercase literal.
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        for index in 0..<bytes.count {
            var byte = bytes[index]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != lowercase.utf8Start[index] { return false }
        }
        return true
    }
}

/// Runs ``ListMethodFraming`` in front of NIO's HTTP/1.1 parser.
final class ListMethodHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private var framing = ListMethodFraming()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch framing.read(unwrapInboundIn(data)) {
        case .forward(let bytes): context.fireChannelRead(wrapInboundOut(bytes))
        case .wait: break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event as? ChannelEvent == .inputClosed, let rest = framing.flush() {
            context.fireChannelRead(wrapInboundOut(rest))
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let rest = framing.flush() { context.fireChannelRead(wrapInboundOut(rest)) }
        context.fireChannelInactive()
    }
}

/// Hummingbird's HTTP/1.1 child channel with ``ListMethodHandler`` in front of the parser.
struct VaultHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ListMethodHandler())
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
