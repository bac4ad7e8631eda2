#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The one home of secret bytes in ChatSecurity.
///
/// Every key, shared secret, chain key and derived key lives in a `SecureBytes`. Its storage is wiped with
/// `sodium_memzero` when the last copy goes away (copy-on-write: copies share storage until one of them is
/// mutated, and each storage wipes its whole capacity on release). Equality runs in constant time for
/// equal lengths. `description`, `debugDescription` and reflection never show the bytes.
///
/// The only ways to read the bytes are ``withUnsafeBytes(_:)`` and the explicitly named
/// ``unprotectedCopy()``, which exists for the few places where a secret must leave the process (export,
/// wire formats) and is easy to find in review.
public struct SecureBytes: Sendable {
    @usableFromInline
    var storage: SecureStorage

    /// Creates `count` zero bytes. Traps for a negative count (a programming error).
    public init(zeros count: Int) {
        precondition(count >= 0, "SecureBytes count must not be negative")
        storage = SecureStorage(capacity: count)
        storage.count = count
        storage.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { base.initializeMemory(as: UInt8.self, repeating: 0, count: count) }
        }
    }

    /// Copies `bytes` into secure storage. The caller remains responsible for the source.
    public init(copying bytes: some ContiguousBytes) {
        self = bytes.withUnsafeBytes { source in
            SecureBytes(unsafeUninitializedCapacity: source.count) { buffer, initialized in
                if let base = source.baseAddress, source.count > 0 {
                    buffer.baseAddress?.copyMemory(from: base, byteCount: source.count)
                }
                initialized = source.count
            }
        }
    }

    /// Copies the bytes of `array` into secure storage and wipes `array`'s storage. If that storage is shared with
    /// another array, the other array keeps its copy: only the caller's own buffer can be wiped.
    public init(consuming array: inout [UInt8]) {
        self.init(copying: array)
        array.withUnsafeMutableBytes { SecureMemory.zero($0) }
        array.removeAll()
    }

    /// Lets C or Swift code write straight into secure storage of `capacity` bytes, without an unwiped
    /// intermediate. The closure sets `initializedCount` to the number of bytes it wrote.
    public init(
        unsafeUninitializedCapacity capacity: Int,
        initializingWith body: (inout UnsafeMutableRawBufferPointer, inout Int) throws -> Void
    ) rethrows {
        precondition(capacity >= 0, "SecureBytes capacity must not be negative")
        let storage = SecureStorage(capacity: capacity)
        try storage.withUnsafeMutableCapacity { buffer in
            var initialized = 0
            var writable = buffer
            try body(&writable, &initialized)
            precondition(initialized >= 0 && initialized <= capacity, "initialized count out of range")
            storage.count = initialized
        }
        self.storage = storage
    }

    /// The number of bytes.
    public var count: Int { storage.count }

    /// Whether there are no bytes.
    public var isEmpty: Bool { storage.count == 0 }

    /// Calls `body` with the bytes. The pointer must not escape `body`.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes(body)
    }

    /// Calls `body` with the bytes for in-place mutation, copying the storage first if it is shared.
    public mutating func withUnsafeMutableBytes<Result>(
        _ body: (UnsafeMutableRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        makeUnique(reservingCapacity: count)
        return try storage.withUnsafeMutableBytes(body)
    }

    /// Appends bytes, growing (and wiping the old storage) as needed.
    public mutating func append(contentsOf other: some ContiguousBytes) {
        other.withUnsafeBytes { source in
            guard source.count > 0, let sourceBase = source.baseAddress else { return }
            let oldCount = count
            makeUnique(reservingCapacity: oldCount + source.count)
            storage.withUnsafeMutableCapacity { buffer in
                buffer.baseAddress?.advanced(by: oldCount).copyMemory(from: sourceBase, byteCount: source.count)
            }
            storage.count = oldCount + source.count
        }
    }

    /// Makes room for `capacity` bytes in total, so later appends do not reallocate (each reallocation copies and
    /// wipes the old storage).
    public mutating func reserveCapacity(_ capacity: Int) {
        makeUnique(reservingCapacity: Swift.max(capacity, count))
    }

    /// Appends one byte.
    public mutating func append(_ byte: UInt8) {
        Swift.withUnsafeBytes(of: byte) { append(contentsOf: $0) }
    }

    /// A new `SecureBytes` holding the bytes in `range`. Traps when `range` is out of bounds, as `Array`'s
    /// subscript does: ranges here come from the code, never from input.
    public func slice(_ range: Range<Int>) -> SecureBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "SecureBytes slice out of range")
        return withUnsafeBytes { all in
            SecureBytes(copying: UnsafeRawBufferPointer(rebasing: all[range]))
        }
    }

    /// The first `length` bytes (or all of them when there are fewer).
    public func prefix(_ length: Int) -> SecureBytes { slice(0..<Swift.min(length, count)) }

    /// An unprotected copy of the bytes as an array that will not be wiped.
    ///
    /// Use this only where a secret must leave the process (an export API, a wire format the caller has asked
    /// for). Everything else should stay inside `SecureBytes`.
    public func unprotectedCopy() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    private mutating func makeUnique(reservingCapacity needed: Int) {
        if isKnownUniquelyReferenced(&storage), storage.capacity >= needed { return }
        let newCapacity = Swift.max(needed, storage.capacity, 16)
        let copy = SecureStorage(capacity: newCapacity)
        storage.withUnsafeBytes { old in
            copy.withUnsafeMutableCapacity { buffer in
                if let base = old.baseAddress, old.count > 0 {
                    buffer.baseAddress?.copyMemory(from: base, byteCount: old.count)
                }
            }
        }
        copy.count = storage.count
        storage = copy
    }
}

extension SecureBytes: Equatable {
    /// Constant-time comparison for equal lengths; different lengths compare unequal at once (lengths are
    /// not secret).
    public static func == (lhs: SecureBytes, rhs: SecureBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { l in rhs.withUnsafeBytes { r in SecureMemory.constantTimeEquals(l, r) } }
    }
}

extension SecureBytes: ContiguousBytes {}

extension SecureBytes: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Shows the length only.
    public var description: String { "SecureBytes(\(count) bytes, redacted)" }
    /// Shows the length only.
    public var debugDescription: String { description }
    /// Hides the storage from `dump` and debuggers' reflection.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Heap storage that wipes its whole capacity when released.
@usableFromInline
final class SecureStorage: @unchecked Sendable {
    // Safety: a storage is mutated only through `SecureBytes`' mutating methods after a uniqueness check
    // (copy-on-write), so no two threads ever mutate one storage.
    let capacity: Int
    var count: Int = 0
    private let pointer: UnsafeMutableRawPointer

    init(capacity: Int) {
        self.capacity = capacity
        pointer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(capacity, 1), alignment: 16)
    }

    deinit {
        SecureMemory.zero(UnsafeMutableRawBufferPointer(start: pointer, count: Swift.max(capacity, 1)))
        pointer.deallocate()
    }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    func withUnsafeMutableBytes<Result>(_ body: (UnsafeMutableRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeMutableRawBufferPointer(start: pointer, count: count))
    }

    func withUnsafeMutableCapacity<Result>(
        _ body: (UnsafeMutableRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        try body(UnsafeMutableRawBufferPointer(start: pointer, count: capacity))
    }
}
