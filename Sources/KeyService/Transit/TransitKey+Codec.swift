import CryptoPrimitives
import Foundation

/// The storage form of a ``TransitKey`` (above the barrier, so the whole record is then encrypted):
/// `"TK1" | metadata length (4) | metadata JSON | version count (4) | per version: number (4) | creation time (8)
/// | material length (4) | material | HMAC key length (4) | HMAC key`. Written into ``SecureBytes``; parsing bounds
/// every length and refuses trailing bytes.
extension TransitKey {
    static let magic: [UInt8] = Array("TK1".utf8)

    func serialized() throws -> SecureBytes {
        var output = SecureBytes(zeros: 0)
        let metadataJSON = try JSONEncoder().encode(metadata)
        var size = 3 + 4 + metadataJSON.count + 4
        for version in versions.values { size += 4 + 8 + 4 + version.material.count + 4 + version.hmacKey.count }
        guard size <= Self.maximumRecordSize else { throw KeyServiceError(.invalidRequest, "the key record would be too large; trim old versions") }
        output.reserveCapacity(size)
        output.append(contentsOf: Self.magic)
        output.append(contentsOf: bigEndian(UInt32(metadataJSON.count)))
        output.append(contentsOf: metadataJSON)
        output.append(contentsOf: bigEndian(UInt32(versions.count)))
        for number in versions.keys.sorted() {
            guard let version = versions[number] else { continue }
            output.append(contentsOf: bigEndian(number))
            output.append(contentsOf: bigEndian(UInt32(truncatingIfNeeded: UInt64(bitPattern: version.creationTime) >> 32)))
            output.append(contentsOf: bigEndian(UInt32(truncatingIfNeeded: UInt64(bitPattern: version.creationTime))))
            output.append(contentsOf: bigEndian(UInt32(version.material.count)))
            output.append(contentsOf: version.material)
            output.append(contentsOf: bigEndian(UInt32(version.hmacKey.count)))
            output.append(contentsOf: version.hmacKey)
        }
        return output
    }

    init(serialized: SecureBytes) throws {
        let failure = KeyServiceError(.internalFailure, "a stored key record is malformed")
        var metadata: KeyMetadata?
        var versions: [UInt32: KeyVersion] = [:]
        try serialized.withUnsafeBytes { raw in
            var offset = 0
            func take(_ count: Int) throws -> UnsafeRawBufferPointer {
                guard count >= 0, count <= raw.count - offset else { throw failure }
                defer { offset += count }
                return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)])
            }
            func u32() throws -> UInt32 { readBigEndian(try take(4), 0) }
            guard Array(try take(3)) == Self.magic else { throw failure }
            let metadataLength = Int(try u32())
            guard metadataLength <= 1 << 20 else { throw failure }
            metadata = try? JSONDecoder().decode(KeyMetadata.self, from: Data(try take(metadataLength)))
            let count = Int(try u32())
            guard metadata != nil, count <= Self.maximumVersions else { throw failure }
            for _ in 0..<count {
                let number = try u32()
                let high = UInt64(try u32())
                let low = UInt64(try u32())
                let material = SecureBytes(copying: try take(Int(try u32())))
                let hmacKey = SecureBytes(copying: try take(Int(try u32())))
                guard versions[number] == nil else { throw failure }
                versions[number] = KeyVersion(creationTime: Int64(bitPattern: high << 32 | low), material: material, hmacKey: hmacKey)
            }
            guard offset == raw.count else { throw failure }
        }
        guard let metadata else { throw failure }
        self.init(metadata: metadata, versions: versions)
    }
}
