@testable import AuditLog
import CryptoPrimitives
import Foundation

/// A fresh temporary directory.
func temporaryDirectory(_ prefix: String = "audit") -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
}

/// A plausible event; `n` varies the fields.
func sampleEvent(_ n: Int, tenant: String = "tenant-42") -> AuditEvent {
    AuditEvent(tenant: tenant, actor: "hmac-sha256:" + String(repeating: String(n % 10), count: 64), eventType: n % 3 == 0 ? "message.read" : "transit.decrypt",
               outcome: n % 7 == 0 ? .failure : .success, originAddress: "10.0.\(n % 256).1", originClient: "chat-server/2.3",
               resource: "conversation/\(n)", requestID: "req-\(n)", reason: n % 5 == 0 ? "support ticket \(n)" : "",
               attributes: n % 4 == 0 ? ["region": "eu-west", "app": "ios"] : [:])
}

/// A fixed log key for tests.
func testSigner(_ name: String = "audit.chatsecurity.test/log") throws -> NoteSigner {
    try NoteSigner(name: name, privateKey: try Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: 32)))
}
