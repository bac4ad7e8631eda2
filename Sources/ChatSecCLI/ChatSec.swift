public import ArgumentParser

/// `chatsec`: ChatSecurity's command line for auditors and operators.
public struct ChatSec: AsyncParsableCommand {
    /// The command's configuration.
    public static let configuration = CommandConfiguration(
        commandName: "chatsec",
        abstract: "ChatSecurity tools: verify and prove the tamper-evident audit log; encrypt and decrypt envelope messages; redact PII/PHI/PCI in chat messages.",
        subcommands: [Audit.self, EnvelopeCommand.self, RedactCommand.self]
    )

    /// A command.
    public init() {}
}
