import Foundation
import StrictJSON

/// The record `sys/init` commits, at `core/seal-config`: Shamir parameters and the keyring as first sealed.
///
/// Initialization writes this one entry with compare-and-swap "must not exist", so it is the commit point: a
/// crash before it leaves the service uninitialized (and initializable), two processes initializing one shared
/// database at once cannot mix their parameters, and the shares handed out always match the stored keyring.
/// Keyring rotations are written to `core/keyring`; until the first one, the keyring is the one in here.
///
/// Format (JSON, not encrypted: seal status must be readable while sealed; the keyring inside is sealed under the
/// unseal key): `{"type": "shamir", "secret_shares": n, "secret_threshold": t, "keyring": "<base64>"}`.
struct SealConfiguration: Equatable {
    static let path = "core/seal-config"

    var shares: Int
    var threshold: Int
    var initialKeyring: [UInt8]

    func serialized() -> [UInt8] {
        let value: JSONValue = [
            "type": "shamir", "secret_shares": .integer(Int64(shares)), "secret_threshold": .integer(Int64(threshold)),
            "keyring": .string(Base64.encode(initialKeyring)),
        ]
        return [UInt8](value.serialized())
    }

    init(shares: Int, threshold: Int, initialKeyring: [UInt8]) {
        self.shares = shares
        self.threshold = threshold
        self.initialKeyring = initialKeyring
    }

    init(parsing bytes: [UInt8]) throws {
        guard let json = try? JSONValue.parse(Data(bytes)), json["type"]?.stringValue == "shamir",
              let threshold = json["secret_threshold"]?.integerValue, let shares = json["secret_shares"]?.integerValue,
              (1...255).contains(threshold), (1...255).contains(shares), threshold <= shares,
              let keyring = json["keyring"]?.stringValue.flatMap(Base64.decode), !keyring.isEmpty
        else { throw KeyServiceError(.internalFailure, "the stored seal configuration is malformed") }
        self.shares = Int(shares)
        self.threshold = Int(threshold)
        self.initialKeyring = keyring
    }
}
