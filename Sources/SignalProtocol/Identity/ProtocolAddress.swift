/// A remote party's device: the account's stable name and a device id.
///
/// The name is an account identifier (often a phone number or user id), so ``description`` does not show it.
public struct ProtocolAddress: Hashable, Sendable, CustomStringConvertible {
    /// The account name.
    public let name: String
    /// The device id (1 for a primary device).
    public let deviceID: UInt32

    /// An address.
    public init(name: String, deviceID: UInt32) {
        self.name = name
        self.deviceID = deviceID
    }

    /// `ProtocolAddress(device N)`; the name is withheld.
    public var description: String { "ProtocolAddress(device \(deviceID))" }
}
