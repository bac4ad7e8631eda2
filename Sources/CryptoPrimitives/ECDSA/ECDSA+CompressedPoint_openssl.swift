#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSLShims

extension ECDSA.Curve {
    /// The length of a compressed X9.62 point `0x02/0x03 || X` (SEC 1 §2.3.3).
    public var compressedPointByteCount: Int { 1 + coordinateByteCount }
}

extension ECDSA.PublicKey {
    /// A key from a compressed X9.62 point `0x02 || X` or `0x03 || X` (SEC 1 §2.3.4), as the AWS Encryption SDK
    /// carries its message-signing keys. The point is decompressed by libcrypto and must lie on `curve`; other
    /// lengths, prefixes, and x-coordinates with no point are refused.
    public init(compressedRepresentation point: some ContiguousBytes, curve: ECDSA.Curve) throws {
        let bytes = point.withUnsafeBytes { Array($0) }
        guard bytes.count == curve.compressedPointByteCount, bytes.first == 0x02 || bytes.first == 0x03 else {
            throw CryptoError(.invalidKey, "EC point must be compressed and of the curve's length")
        }
        let uncompressed = try ECDSA.convertPoint(bytes, curve: curve, compressed: false)
        try self.init(x962Representation: uncompressed, curve: curve)
    }

    /// The compressed X9.62 point `0x02/0x03 || X`.
    public var compressedRepresentation: [UInt8] {
        get throws { try ECDSA.convertPoint(try x962Representation, curve: curve, compressed: true) }
    }
}

extension ECDSA {
    /// Re-encodes a point through libcrypto, which checks that it is on the curve.
    static func convertPoint(_ point: [UInt8], curve: Curve, compressed: Bool) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: curve.uncompressedPointByteCount)
        let capacity = output.count
        let length = point.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                chatsec_ec_point_convert(curve.groupName, input.baseAddress, input.count, compressed ? 1 : 0, out.baseAddress, capacity)
            }
        }
        guard length > 0 else {
            OpenSSL.clearErrors()
            throw CryptoError(.invalidKey, "not a point on the curve")
        }
        return Array(output.prefix(Int(length)))
    }
}
