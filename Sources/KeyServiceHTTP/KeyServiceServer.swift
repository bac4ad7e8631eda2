public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import KeyService
public import Logging
import NIOCore
import NIOSSL
public import ServiceLifecycle

/// How keyserviced listens.
public struct ListenerConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The port to bind (0 picks a free one).
    public var port: Int
    /// PEM certificate chain; with a key, the listener speaks TLS 1.3 only.
    public var tlsCertificateFile: String?
    /// PEM private key.
    public var tlsKeyFile: String?
    /// Seconds a connection may stay idle.
    public var idleTimeout: Int64
    /// The largest request body.
    public var maximumBodySize: Int
    /// Serve `POST /v1/sys/noop` (benchmark baseline only).
    public var enableNoopRoute: Bool

    /// A configuration.
    public init(host: String = "127.0.0.1", port: Int = 8200, tlsCertificateFile: String? = nil, tlsKeyFile: String? = nil,
                idleTimeout: Int64 = 60, maximumBodySize: Int = 32 << 20, enableNoopRoute: Bool = false) {
        self.host = host
        self.port = port
        self.tlsCertificateFile = tlsCertificateFile
        self.tlsKeyFile = tlsKeyFile
        self.idleTimeout = idleTimeout
        self.maximumBodySize = maximumBodySize
        self.enableNoopRoute = enableNoopRoute
    }

    var usesTLS: Bool { tlsCertificateFile != nil || tlsKeyFile != nil }

    /// `localhost`, `::1`, or a dotted-quad IPv4 address in 127.0.0.0/8 (parsed, so `127.example.com` is not one).
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let values = octets.compactMap { octet -> Int? in
            guard (1...3).contains(octet.count), octet.allSatisfy(\.isASCII), octet.allSatisfy(\.isNumber) else { return nil }
            return Int(octet).flatMap { $0 <= 255 ? $0 : nil }
        }
        return values.count == 4 && values[0] == 127
    }
}

/// A listener configuration that would expose the service unsafely.
public struct ListenerConfigurationError: Error, CustomStringConvertible {
    /// Why.
    public let description: String
}

/// Builds the HTTP application serving `service`.
///
/// Without a certificate the listener must be on loopback; with one it speaks TLS 1.3 only. `onServerRunning`
/// receives the bound port (useful with port 0).
public func buildApplication(
    service: KeyService,
    listener: ListenerConfiguration,
    autoRotationInterval: Duration? = .seconds(60),
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let http1Configuration = HTTP1Channel.Configuration(idleTimeout: .seconds(listener.idleTimeout))
    let http1 = HTTPServerBuilder { responder in
        VaultHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: http1Configuration))
    }
    let server: HTTPServerBuilder
    if listener.usesTLS {
        guard let certificateFile = listener.tlsCertificateFile, let keyFile = listener.tlsKeyFile else {
            throw ListenerConfigurationError(description: "TLS needs both a certificate file and a key file")
        }
        let chain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv13
        let tlsConfiguration = tls
        server = HTTPServerBuilder { responder in
            try TLSChannel(VaultHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: http1Configuration)), tlsConfiguration: tlsConfiguration)
        }
    } else {
        guard ListenerConfiguration.isLoopback(listener.host) else {
            throw ListenerConfigurationError(description: "without a TLS certificate keyserviced listens on loopback only (127.0.0.1 or ::1)")
        }
        server = http1
    }
    var services: [any Service] = []
    if let autoRotationInterval { services.append(AutoRotationService(service: service, interval: autoRotationInterval, logger: logger)) }
    return Application(
        responder: VaultResponder(service: service, maximumBodySize: listener.maximumBodySize, enableNoopRoute: listener.enableNoopRoute),
        server: server,
        configuration: .init(address: .hostname(listener.host, port: listener.port), serverName: "keyserviced"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? listener.port) },
        logger: logger
    )
}

/// Rotates keys whose `auto_rotate_period` elapsed, every `interval`, while the service is unsealed.
public struct AutoRotationService: Service {
    let service: KeyService
    let interval: Duration
    let logger: Logger

    /// The service.
    public init(service: KeyService, interval: Duration, logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let rotated = try await service.rotateDueKeys()
                    if rotated > 0 { logger.info("auto-rotated keys", metadata: ["count": "\(rotated)"]) }
                } catch {
                    logger.warning("auto-rotation pass failed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
