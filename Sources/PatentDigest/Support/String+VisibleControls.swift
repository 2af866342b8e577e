extension String {
  /// The string with every character that could end a line, move the cursor or reorder the text
  /// written as a visible escape: a line feed as `\n`, a carriage return as `\r`, a tab as `\t`,
  /// anything else as `\u{1B}`.
  ///
  /// Messages for people quote values from outside (a document's number, a zip entry's name, an
  /// edits file's key). Written through this, such a value can never start a line of its own in a
  /// log that cron appends stderr to, and one problem is always exactly one line.
  public var withVisibleControlCharacters: String {
    guard unicodeScalars.contains(where: Self.isControl) else { return self }
    var result = ""
    result.reserveCapacity(utf8.count + 16)
    for scalar in unicodeScalars {
      guard Self.isControl(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      }
    }
    return result
  }

  /// C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
  /// formatting characters (which can make a line read as something else).
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }
}
