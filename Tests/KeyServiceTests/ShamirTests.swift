import CryptoPrimitives
import Foundation
@testable import KeyService
import Testing

@Suite("Shamir secret sharing (Vault-compatible)")
struct ShamirTests {
    @Test("Any threshold-sized subset recombines; fewer do not")
    func roundTrips() throws {
        for (parts, threshold) in [(2, 2), (3, 2), (5, 3), (10, 7), (255, 2)] {
            let secret = try SecureRandom.secureBytes(count: 32)
            let shares = try Shamir.split(secret, parts: parts, threshold: threshold)
            #expect(shares.count == parts && shares.allSatisfy { $0.count == 33 })
            #expect(Set(shares.map { $0.unprotectedCopy()[32] }).count == parts, "distinct x coordinates")
            for _ in 0..<5 {
                let subset = Array(shares.shuffled().prefix(threshold))
                #expect(try Shamir.combine(subset) == secret)
            }
            if threshold > 2 {
                #expect(try Shamir.combine(Array(shares.prefix(threshold - 1))) != secret)
            }
        }
    }

    @Test("Field arithmetic: every non-zero element has an inverse")
    func field() {
        for a in 1...255 {
            #expect(Shamir.multiply(UInt8(a), Shamir.inverse(UInt8(a))) == 1)
        }
        #expect(Shamir.multiply(0x53, 0xCA) == 0x01)  // FIPS 197 §4.2 example: {53}·{CA} = {01}
        #expect(Shamir.multiply(0x57, 0x83) == 0xC1)  // FIPS 197 §4.2 example
    }

    @Test("Malformed share sets are typed errors")
    func invalid() throws {
        let secret = try SecureRandom.secureBytes(count: 16)
        let shares = try Shamir.split(secret, parts: 3, threshold: 2)
        #expect(throws: KeyServiceError.self) { try Shamir.combine([shares[0]]) }
        #expect(throws: KeyServiceError.self) { try Shamir.combine([shares[0], shares[0]]) }
        #expect(throws: KeyServiceError.self) { try Shamir.combine([shares[0], shares[1].prefix(10)]) }
        #expect(throws: KeyServiceError.self) { try Shamir.split(secret, parts: 2, threshold: 3) }
        #expect(throws: KeyServiceError.self) { try Shamir.split(secret, parts: 256, threshold: 3) }
    }
}
