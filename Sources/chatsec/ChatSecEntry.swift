import ArgumentParser
import ChatSecCLI

/// The `chatsec` executable: the commands live in `ChatSecCLI`, so tests can run them in process.
@main
extension ChatSec {}
