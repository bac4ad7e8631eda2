internal import COpenSSL

extension SHA256 {
    /// A reusable SHA-256 state for hashing many small inputs in a row (Merkle trees): one libcrypto context,
    /// restarted per digest instead of allocated per digest. Not thread-safe: give each thread or each owner
    /// its own. Only for public data (its state is not wiped between digests beyond what libcrypto does).
    public final class Context {
        private let context: OpaquePointer

        /// A context; traps only if libcrypto cannot allocate one.
        public init() {
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("libcrypto could not allocate a digest context") }
            self.context = context
        }

        deinit {
            EVP_MD_CTX_free(context)
        }

        /// SHA-256 of `prefix` (if any) followed by `parts`, written to `output` (32 bytes).
        public func digest(prefix: UInt8?, _ parts: UnsafeRawBufferPointer..., into output: UnsafeMutableRawBufferPointer) {
            precondition(output.count >= digestByteCount, "the digest needs 32 bytes")
            var ok = EVP_DigestInit_ex2(context, SHA256.algorithm.digest, nil) == 1
            if var byte = prefix { ok = ok && EVP_DigestUpdate(context, &byte, 1) == 1 }
            for part in parts where part.count > 0 { ok = ok && EVP_DigestUpdate(context, part.baseAddress, part.count) == 1 }
            var length: UInt32 = 0
            ok = ok && EVP_DigestFinal_ex(context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) == 1
            precondition(ok && length == 32, "libcrypto digest failed")
        }
    }
}
