public import Foundation

/// Subprocesses and paths for the suites that drive the built executables and the Python peers.
public enum TestProcess {
    /// The repository root.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// A required file or program is missing.
    public struct Missing: Error, CustomStringConvertible {
        /// What is missing.
        public let what: String
        /// A missing thing.
        public init(what: String) { self.what = what }
        /// `missing <what>`.
        public var description: String { "missing \(what)" }
    }

    /// A product built next to the test binary, in `$CHATSEC_BIN_DIR`, or in `.build/debug`.
    public static func binary(_ name: String) throws -> String {
        var candidates: [URL] = []
        if let directory = ProcessInfo.processInfo.environment["CHATSEC_BIN_DIR"] { candidates.append(URL(fileURLWithPath: directory)) }
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let path = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Missing(what: "\(name) (build it with `swift build --build-tests`)")
    }

    /// Runs a process to completion; returns its exit status, standard output and standard error. Standard input
    /// is written and standard error read on their own threads, so no pipe can fill up and block the child.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String]? = nil) throws
        -> (status: Int32, output: Data, error: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        let errorCollector = OutputCollector(errors.fileHandleForReading)
        if let input {
            Thread.detachNewThread {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data, errorCollector.data())
    }
}

/// Reads a pipe to its end on a background thread.
public final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = Data()
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `handle`.
    public init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let all = handle.readDataToEndOfFile()
            lock.withLock { collected = all }
            done.signal()
        }
    }

    /// Everything read, once the pipe closed.
    public func data() -> Data {
        done.wait()
        return lock.withLock { collected }
    }
}
