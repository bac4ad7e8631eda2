/// A byte that empty buffers point at, so C functions declared `nonnull` never receive NULL. Nothing is ever
/// written to it: an empty output buffer has no room.
nonisolated(unsafe) private let emptyBufferByte: UnsafeMutablePointer<UInt8> = {
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
}()

extension UnsafeRawBufferPointer {
    /// The bytes as a non-null C pointer (a dummy address for an empty buffer).
    var bytes: UnsafePointer<UInt8> {
        guard let base = baseAddress, count > 0 else { return UnsafePointer(emptyBufferByte) }
        return base.assumingMemoryBound(to: UInt8.self)
    }
}

extension UnsafeMutableRawBufferPointer {
    /// The bytes as a non-null C pointer (a dummy address for an empty buffer).
    var bytes: UnsafeMutablePointer<UInt8> {
        guard let base = baseAddress, count > 0 else { return emptyBufferByte }
        return base.assumingMemoryBound(to: UInt8.self)
    }
}
