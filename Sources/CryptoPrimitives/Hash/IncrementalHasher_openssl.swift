#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import COpenSSL

extension MessageDigest {
    /// A running digest over data that arrives in pieces (a streamed message that is signed at its end). Each
    /// hasher owns one libcrypto context, freed (and cleansed) when the hasher goes away. Not thread-safe.
    public final class Hasher {
        private let context: OpaquePointer
        /// The algorithm.
        public let algorithm: MessageDigest
        private var finished = false

        /// A hasher for `algorithm`.
        ///
        /// - Throws: ``CryptoError/Code/libraryFailure`` if libcrypto cannot allocate or start a context.
        public init(_ algorithm: MessageDigest) throws {
            guard let context = EVP_MD_CTX_new() else { throw CryptoError(.libraryFailure, "could not allocate a digest context") }
            guard EVP_DigestInit_ex2(context, algorithm.evp.digest, nil) == 1 else {
                EVP_MD_CTX_free(context)
                OpenSSL.clearErrors()
                throw CryptoError(.libraryFailure, "could not start a digest")
            }
            self.context = context
            self.algorithm = algorithm
        }

        deinit {
            EVP_MD_CTX_free(context)
        }

        /// Adds `data` to the digest.
        ///
        /// - Throws: ``CryptoError/Code/invalidParameter`` after ``finalize()``.
        public func update(_ data: some ContiguousBytes) throws {
            guard !finished else { throw CryptoError(.invalidParameter, "digest already finalized") }
            let ok = data.withUnsafeBytes { bytes in
                bytes.count == 0 || EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1
            }
            guard ok else {
                OpenSSL.clearErrors()
                throw CryptoError(.libraryFailure, "digest update failed")
            }
        }

        /// The digest of everything added. The hasher cannot be used afterwards.
        public func finalize() throws -> [UInt8] {
            guard !finished else { throw CryptoError(.invalidParameter, "digest already finalized") }
            finished = true
            var output = [UInt8](repeating: 0, count: algorithm.digestByteCount)
            var length: UInt32 = 0
            guard EVP_DigestFinal_ex(context, &output, &length) == 1, Int(length) == output.count else {
                OpenSSL.clearErrors()
                throw CryptoError(.libraryFailure, "digest finalization failed")
            }
            return output
        }
    }
}
