public import CryptoPrimitives

/// Shamir's secret sharing over GF(2^8), compatible with HashiCorp Vault's `shamir` package (and its Python port
/// `pyshamir`): the field is GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1; each share is the secret's
/// bytes evaluated on a random polynomial at one x, followed by that x (1...255, distinct per share).
///
/// No library on this machine provides it, so it is implemented here, constant-time in the secret: multiplication
/// and inversion have no data-dependent branches or table lookups.
public enum Shamir {
    /// Splits `secret` into `parts` shares, any `threshold` of which recombine it.
    public static func split(_ secret: SecureBytes, parts: Int, threshold: Int) throws -> [SecureBytes] {
        guard parts >= 2, threshold >= 2, parts <= 255, threshold <= parts, !secret.isEmpty, secret.count <= 1 << 16 else {
            throw KeyServiceError(.invalidRequest, "invalid secret sharing parameters")
        }
        // Distinct random x coordinates: a random permutation of 1...255 (Fisher-Yates with unbiased draws).
        var xs = Array(UInt8(1)...UInt8(255))
        for index in stride(from: xs.count - 1, to: 0, by: -1) {
            let other = Int(try SecureRandom.uniform(below: UInt32(index + 1)))
            xs.swapAt(index, other)
        }
        var shares = (0..<parts).map { _ in SecureBytes(zeros: secret.count + 1) }
        // Random coefficients a_1...a_{t-1} for every byte: polynomial p(x) = secret + a_1 x + ... + a_{t-1} x^{t-1}.
        let degree = threshold - 1
        let coefficients = try SecureRandom.secureBytes(count: secret.count * degree)
        secret.withUnsafeBytes { secretBytes in
            coefficients.withUnsafeBytes { c in
                for byteIndex in 0..<secretBytes.count {
                    let base = byteIndex * degree
                    for shareIndex in 0..<parts {
                        let x = xs[shareIndex]
                        // Horner's rule from a_{t-1} down to the intercept.
                        var y = c[base + degree - 1]
                        for k in stride(from: degree - 2, through: 0, by: -1) { y = multiply(y, x) ^ c[base + k] }
                        y = multiply(y, x) ^ secretBytes[byteIndex]
                        shares[shareIndex].withUnsafeMutableBytes { $0[byteIndex] = y }
                    }
                }
            }
        }
        for shareIndex in 0..<parts {
            shares[shareIndex].withUnsafeMutableBytes { $0[secret.count] = xs[shareIndex] }
        }
        return shares
    }

    /// Recombines `shares` (at least two, equal lengths, distinct x coordinates).
    public static func combine(_ shares: [SecureBytes]) throws -> SecureBytes {
        guard shares.count >= 2, let length = shares.first?.count, length >= 2, shares.allSatisfy({ $0.count == length }) else {
            throw KeyServiceError(.invalidRequest, "key shares are too few or of different lengths")
        }
        let xs = shares.map { share in share.withUnsafeBytes { $0[length - 1] } }
        guard Set(xs).count == xs.count, !xs.contains(0) else {
            throw KeyServiceError(.invalidRequest, "duplicate or invalid key shares")
        }
        // Lagrange basis values at 0: l_i = Π_{j≠i} x_j / (x_i + x_j) (addition is XOR).
        let basis = xs.indices.map { i -> UInt8 in
            var value: UInt8 = 1
            for j in xs.indices where j != i {
                value = multiply(value, multiply(xs[j], inverse(xs[i] ^ xs[j])))
            }
            return value
        }
        return SecureBytes(unsafeUninitializedCapacity: length - 1) { output, initialized in
            for byteIndex in 0..<(length - 1) {
                var value: UInt8 = 0
                for (i, share) in shares.enumerated() {
                    value ^= multiply(share.withUnsafeBytes { $0[byteIndex] }, basis[i])
                }
                output[byteIndex] = value
            }
            initialized = length - 1
        }
    }

    /// Multiplication in GF(2^8) mod 0x11B, without data-dependent branches.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var result: UInt8 = 0
        for bit in stride(from: 7, through: 0, by: -1) {
            let takeA = 0 &- ((b >> UInt8(bit)) & 1)
            let reduce = 0 &- (result >> 7)
            result = (takeA & a) ^ (reduce & 0x1B) ^ (result &<< 1)
        }
        return result
    }

    /// The inverse in GF(2^8) as a^254 (fixed sequence of multiplications); 0 maps to 0.
    static func inverse(_ a: UInt8) -> UInt8 {
        var b = multiply(a, a)
        var c = multiply(a, b)
        b = multiply(c, c)
        b = multiply(b, b)
        c = multiply(b, c)
        b = multiply(b, b)
        b = multiply(b, b)
        b = multiply(b, c)
        b = multiply(b, b)
        b = multiply(a, b)
        return multiply(b, b)
    }
}
