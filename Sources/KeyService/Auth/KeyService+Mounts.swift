import CryptoPrimitives
import Foundation

/// A namespace's mount table.
struct MountTable: Codable, Sendable, Equatable {
    var mounts: [MountEntry]
}

extension KeyService {
    func mountTablePath(_ namespace: Namespace) -> String { namespace.storagePrefix + "core/mounts" }

    func mountTable(_ namespace: Namespace) async throws -> (MountTable, UInt64) {
        try await readDocument(MountTable.self, mountTablePath(namespace)) ?? (MountTable(mounts: []), 0)
    }

    /// The mount whose path is the longest prefix of `path`, and the rest of the path.
    func resolveMount(_ namespace: Namespace, path: String) async throws -> (MountEntry, String)? {
        let (table, _) = try await mountTable(namespace)
        var best: MountEntry?
        // Byte-wise: a mount `a/b/` matches `a/b` and `a/b/...`, never `a/bc`.
        for mount in table.mounts {
            let matches = path.hasBytePrefix(mount.path) || path.utf8.count + 1 == mount.path.utf8.count && mount.path.hasBytePrefix(path)
            if matches, best == nil || mount.path.utf8.count > (best?.path.utf8.count ?? 0) { best = mount }
        }
        guard let best else { return nil }
        let rest = path.utf8.count >= best.path.utf8.count ? path.droppingBytes(best.path.utf8.count) : ""
        return (best, rest)
    }

    /// Mounts a secrets engine (only `transit`).
    func mount(_ namespace: Namespace, path: String, type: String, description: String) async throws {
        guard type == "transit" else { throw KeyServiceError(.invalidRequest, "unsupported secrets engine type (only transit)") }
        let normalized = try MountEntry.normalize(path)
        try await withRetries {
            let (table, version) = try await mountTable(namespace)
            if table.mounts.contains(where: { $0.path.hasPrefix(normalized) || normalized.hasPrefix($0.path) }) {
                throw KeyServiceError(.invalidRequest, "path is already in use or conflicts with an existing mount")
            }
            var updated = table
            guard updated.mounts.count < 1024 else { throw KeyServiceError(.invalidRequest, "too many mounts") }
            updated.mounts.append(MountEntry(
                path: normalized, type: type, description: String(description.prefix(1024)),
                uuid: UUID().uuidString.lowercased(), accessor: "transit_" + String(UUID().uuidString.prefix(8)).lowercased(), creationTime: now
            ))
            try await writeDocument(updated, mountTablePath(namespace), expectedVersion: version)
        }
    }

    /// Unmounts and deletes everything stored under the mount.
    func unmount(_ namespace: Namespace, path: String) async throws {
        let normalized = try MountEntry.normalize(path)
        let removed: MountEntry? = try await withRetries {
            let (table, version) = try await mountTable(namespace)
            guard let entry = table.mounts.first(where: { $0.path == normalized }) else { return nil }
            var updated = table
            updated.mounts.removeAll { $0.path == normalized }
            try await writeDocument(updated, mountTablePath(namespace), expectedVersion: version)
            return entry
        }
        guard let removed else { return }
        for key in try await storageList(logicalPrefix(namespace, removed)) {
            try await storageDelete(key)
            caches.remove(path: key)
        }
    }

    func logicalPrefix(_ namespace: Namespace, _ mount: MountEntry) -> String {
        namespace.storagePrefix + "logical/" + mount.uuid + "/"
    }
}
