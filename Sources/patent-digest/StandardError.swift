import PatentDigest

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Messages for people go to stderr; stdout is kept for data.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    var string = string
    string.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = systemWrite(2, bytes.baseAddress! + offset, bytes.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }

  /// Prints one line: a message is one problem, and whatever it quotes from outside (a document's
  /// number, a zip entry's name, an edits key) cannot start a line of its own.
  static func print(_ message: String) {
    var stream = StandardError()
    Swift.print("patent-digest: \(message.withVisibleControlCharacters)", to: &stream)
  }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
  #else
    return Darwin.write(descriptor, bytes, count)
  #endif
}
