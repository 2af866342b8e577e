import PatentDigest

/// Messages for people go to stderr; stdout is kept for data.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    var string = string
    _ = string.withUTF8 { FileDescriptorWrite.all(UnsafeRawBufferPointer($0), to: 2) }
  }

  /// Prints one line: a message is one problem, and whatever it quotes from outside (a document's
  /// number, a zip entry's name, an edits key) cannot start a line of its own.
  static func print(_ message: String) {
    var stream = StandardError()
    Swift.print("patent-digest: \(message.withVisibleControlCharacters)", to: &stream)
  }
}

/// Data for programs goes to stdout, unbuffered: the preview's address, the watch list.
struct StandardOutput: TextOutputStream {
  mutating func write(_ string: String) {
    var string = string
    _ = string.withUTF8 { FileDescriptorWrite.all(UnsafeRawBufferPointer($0), to: 1) }
  }
}
