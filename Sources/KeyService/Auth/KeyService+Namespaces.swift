import CryptoPrimitives
import Foundation

/// A namespace's registration.
struct NamespaceRecord: Codable, Sendable, Equatable {
    var path: String
    var id: String
    var creationTime: Int64
}

extension KeyService {
    static let namespacePrefix = "core/namespaces/"

    func namespaceRecordPath(_ namespace: Namespace) -> String {
        Self.namespacePrefix + namespace.path.replacingOccurrences(of: "/", with: "%2F")
    }

    /// Whether the namespace exists (the root always does).
    func namespaceExists(_ namespace: Namespace) async throws -> Bool {
        if namespace.path.isEmpty { return true }
        return try await storageGet(namespaceRecordPath(namespace)) != nil
    }

    /// Creates `parent/name`.
    func createNamespace(parent: Namespace, name: String) async throws -> NamespaceRecord {
        guard !name.utf8.contains(UInt8(ascii: "/")) else { throw KeyServiceError(.invalidRequest, "namespaces are created one level at a time") }
        let child = try Namespace(parsing: parent.path.isEmpty ? name : parent.path + "/" + name)
        guard try await namespaceExists(parent) else { throw KeyServiceError(.notFound, "no such namespace") }
        let record = NamespaceRecord(path: child.path, id: String(UUID().uuidString.prefix(5)), creationTime: now)
        do {
            try await writeDocument(record, namespaceRecordPath(child), expectedVersion: 0)
        } catch is StorageConflict {
            throw KeyServiceError(.invalidRequest, "namespace already exists")
        }
        return record
    }

    /// Deletes a namespace and everything in it (its children first).
    func deleteNamespace(_ namespace: Namespace) async throws {
        guard !namespace.path.isEmpty else { throw KeyServiceError(.invalidRequest, "cannot delete the root namespace") }
        for child in try await listNamespaces(under: namespace) { try await deleteNamespace(child) }
        for key in try await storageList(namespace.storagePrefix) {
            try await storageDelete(key)
            caches.remove(path: key)
        }
        try await storageDelete(namespaceRecordPath(namespace))
    }

    /// The direct children of `parent`.
    func listNamespaces(under parent: Namespace) async throws -> [Namespace] {
        let all = try await storageList(Self.namespacePrefix).map {
            Namespace(validated: String($0.dropFirst(Self.namespacePrefix.count)).replacingOccurrences(of: "%2F", with: "/"))
        }
        return all.filter { candidate in
            guard let relative = candidate.relativePrefix(from: parent), !relative.isEmpty else { return false }
            return !relative.dropLast().utf8.contains(UInt8(ascii: "/"))
        }
    }
}
