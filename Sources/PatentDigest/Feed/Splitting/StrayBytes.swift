/// Says what bytes outside any document are: those before the first `<?xml` declaration, and
/// those between the end of a document's root element and the next declaration.
///
/// White space and a UTF-8 byte-order mark (a file saved by an editor starts with one) are fine.
/// A document in UTF-16, or one that lost its declaration, is named as a document that was not
/// read; anything else is stray bytes.
enum StrayBytes {
  struct Finding {
    /// `.strayBytes`, or `.malformed` for a document that was not read.
    var kind: DocumentFailure.Kind
    var publicationNumber: String?
    var reason: String
    /// Where the bytes that are not white space start, from the start of those described.
    var offset = 0
    var newlinesBefore = 0
  }

  /// What the bytes are, or nil when they are only white space and byte-order marks.
  ///
  /// `place` says where they are, for the message ("after the end of document 3").
  static func describe(_ bytes: UnsafeRawBufferPointer, place: String) -> Finding? {
    let start = firstContent(bytes)
    guard start < bytes.count else { return nil }
    var finding = describeContent(UnsafeRawBufferPointer(rebasing: bytes[start...]), place: place)
    finding.offset = start
    finding.newlinesBefore = DocumentSplitter.countNewlines(UnsafeRawBufferPointer(rebasing: bytes[..<start]))
    return finding
  }

  private static func describeContent(_ content: UnsafeRawBufferPointer, place: String) -> Finding {
    if isUTF16(content) {
      let text = decodeUTF16(UnsafeRawBufferPointer(rebasing: content.prefix(131_072)))
      let number = Array(text.utf8).withUnsafeBytes { RawPublicationNumber.find(in: $0) }
      return Finding(
        kind: .malformed, publicationNumber: number,
        reason:
          "a document in UTF-16\(number.map { " (\($0))" } ?? "") \(place), \(content.count) bytes; not read: patent-digest reads UTF-8 feeds (convert it with iconv -f UTF-16 -t UTF-8)"
      )
    }
    if let root = rootName(content) {
      let number = RawPublicationNumber.find(in: content)
      if DocumentReader.patentRoots.contains(root) {
        return Finding(
          kind: .malformed, publicationNumber: number,
          reason:
            "a <\(root)> document\(number.map { " (\($0))" } ?? "") \(place) has no <?xml declaration; not read (put the declaration back, or get a fresh copy of the feed)"
        )
      }
    }
    return Finding(
      kind: .strayBytes, publicationNumber: nil,
      reason:
        "\(content.count) bytes \(place) belong to no document (they start \"\(preview(content))\"); not read (the feed is damaged: get a fresh copy)"
    )
  }

  /// True when the bytes are only white space and UTF-8 byte-order marks.
  static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
    firstContent(bytes) == bytes.count
  }

  /// The offset of the first byte that is neither white space nor part of a byte-order mark.
  private static func firstContent(_ bytes: UnsafeRawBufferPointer) -> Int {
    var index = 0
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09:
        index += 1
      case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF:
        index += 3
      default:
        return index
      }
    }
    return index
  }

  /// A UTF-16 byte-order mark, or `<` and `?` or a letter with a zero byte beside each.
  static func isUTF16(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard bytes.count >= 4 else { return false }
    if (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return true }
    let littleEndian = bytes[0] == UInt8(ascii: "<") && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0
    let bigEndian = bytes[0] == 0 && bytes[1] == UInt8(ascii: "<") && bytes[2] == 0 && bytes[3] != 0
    return littleEndian || bigEndian
  }

  private static func decodeUTF16(_ bytes: UnsafeRawBufferPointer) -> String {
    var bigEndian = bytes.count >= 2 && (bytes[0] == 0xFE || bytes[0] == 0)
    var start = 0
    if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
      bigEndian = bytes[0] == 0xFE
      start = 2
    }
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = start
    while index + 1 < bytes.count {
      let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
      units.append(UInt16(high) << 8 | UInt16(low))
      index += 2
    }
    return String(decoding: units, as: UTF16.self)
  }

  /// The name of the element (or DOCTYPE) the bytes start with, if they start with one.
  private static func rootName(_ bytes: UnsafeRawBufferPointer) -> String? {
    guard bytes.count >= 2, bytes[0] == UInt8(ascii: "<") else { return nil }
    var start = 1
    if bytes.firstRange(of: "<!DOCTYPE")?.lowerBound == 0 {
      start = 9
      while start < bytes.count && (bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x0D || bytes[start] == 0x09)
      {
        start += 1
      }
    }
    var end = start
    while end < bytes.count && end - start < 64 && isNameByte(bytes[end], first: end == start) { end += 1 }
    guard end > start else { return nil }
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }

  private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
    let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    if letter || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") { return true }
    return !first
      && ((byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."))
  }

  /// The first few bytes as one line of text: control bytes are written as `\xNN`.
  static func preview(_ bytes: UnsafeRawBufferPointer) -> String {
    var text = ""
    for scalar in String(decoding: UnsafeRawBufferPointer(rebasing: bytes.prefix(40)), as: UTF8.self).unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        text += "\\x" + (digits.count < 2 ? "0" : "") + digits
      } else if scalar == "\"" || scalar == "\\" {
        text += "\\" + String(scalar)
      } else {
        text.unicodeScalars.append(scalar)
      }
    }
    return text
  }
}
