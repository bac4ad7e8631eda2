public import Foundation

/// A JSON value with exact types: a boolean is never a number, a string never a number. Parsing is strict and
/// bounded: nesting deeper than ``maximumDepth`` is refused (so hostile input cannot exhaust the stack), and so
/// are duplicate keys, invalid UTF-8, lone surrogates and trailing bytes.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// An integer that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])

    /// The deepest nesting accepted.
    public static let maximumDepth = 64

    /// Parses UTF-8 JSON strictly (see `JSONParser`: bounded depth, no duplicate keys, validated strings,
    /// nothing after the value). Errors never include the input.
    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        do {
            return try data.withUnsafeBytes { bytes in try JSONParser.parse(bytes) }
        } catch let error as JSONParseError {
            throw error
        } catch {
            throw JSONParseError(offset: 0)
        }
    }

    /// Parses UTF-8 JSON from bytes.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        do {
            return try bytes.withUnsafeBytes { buffer in try JSONParser.parse(buffer) }
        } catch let error as JSONParseError {
            throw error
        } catch {
            throw JSONParseError(offset: 0)
        }
    }

    /// Serializes as compact JSON with sorted keys.
    public func serialized() -> Data {
        Data(JSONSerializer.serialize(self))
    }

    /// Serializes as compact JSON with sorted keys, as bytes.
    public func serializedBytes() -> [UInt8] {
        JSONSerializer.serialize(self)
    }

    /// The member `key` of an object (`nil` for other values, absent members and explicit `null`s).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self, let value = members[key], value != .null else { return nil }
        return value
    }

    /// The string, or `nil`.
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    /// The boolean, or `nil`.
    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    /// The array, or `nil`.
    public var arrayValue: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    /// The object, or `nil`.
    public var objectValue: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
    /// An integer (an integral number is accepted), or `nil`.
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .number(let value) where value.rounded() == value && abs(value) < 9.0e18: Int64(value)
        default: nil
        }
    }
}

extension JSONValue: Codable {
    /// Decodes with exact types.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var members = [String: JSONValue](minimumCapacity: elements.count)
        for (key, value) in elements { members[key] = value }
        self = .object(members)
    }
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
}
