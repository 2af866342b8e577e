import CByteScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One document's bytes and the byte-level reading the markup scanner does on them: tags, text,
/// characters, references, names. Two words, so the scanner's walk passes it in registers.
struct MarkupBytes {
  let base: UnsafePointer<UInt8>
  let count: Int

  /// The offset of the `>` that ends a start tag, with quoted attribute values passed over.
  /// Sixteen bytes at a time up to the next byte that matters.
  @inline(__always)
  func startTagEnd(from start: Int, tagStart: Int) throws(MarkupScanner.Failure) -> Int {
    var index = start
    // Most tags in a description have no attributes (`<b>`, `<i>`, `<sub>`).
    if index < count && base[index] == UInt8(ascii: ">") { return index }
    let limit = min(count, tagStart + MarkupScanner.maximumTagLength)
    while index < limit {
      if index + 16 <= limit {
        let stops = pd_mask_tag_stop(base + index)
        if stops == 0 {
          index += 16
          continue
        }
        index += stops.trailingZeroBitCount
      }
      let byte = base[index]
      if byte == UInt8(ascii: ">") { return index }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        var close = index + 1
        while close < limit {
          if close + 16 <= limit {
            let stops = pd_mask_quote_stop(base + close, byte)
            if stops == 0 {
              close += 16
              continue
            }
            close += stops.trailingZeroBitCount
          }
          let inside = base[close]
          if inside == byte { break }
          if inside == UInt8(ascii: "<") {
            throw MarkupScanner.Failure(offset: close, message: "an attribute value contains '<'")
          }
          close += 1
        }
        guard close < limit else { break }
        index = close + 1
        continue
      }
      if byte == UInt8(ascii: "<") {
        throw MarkupScanner.Failure(offset: tagStart, message: "a start tag is not closed before the next '<'")
      }
      index += 1
    }
    if limit < count {
      throw MarkupScanner.Failure(
        offset: tagStart, message: "a start tag longer than \(MarkupScanner.maximumTagLength / 1024) KB; refusing the document")
    }
    throw MarkupScanner.Failure(offset: tagStart, message: "the document ends inside a start tag: it is truncated")
  }

  // MARK: Character data

  /// Finds the next `<` from `start`; when `validating`, also checks what libxml2 would: UTF-8,
  /// no control characters, well-formed references. Sixteen bytes at a time (`pd_text_stops`):
  /// only a `<` or a byte that needs checking stops the wide loop.
  @inline(__always)
  func scanText(from start: Int, validating: Bool) throws(MarkupScanner.Failure) -> Int {
    var index = start
    while true {
      while index + 16 <= count {
        let stops = pd_text_stops(base + index, validating)
        if stops == 0 {
          index += 16
          continue
        }
        index += stops.trailingZeroBitCount
        break
      }
      guard index < count else { return count }
      let byte = base[index]
      if byte == UInt8(ascii: "<") { return index }
      if validating && (byte >= 0x80 || (byte < 0x20 && byte != 0x0A) || byte == UInt8(ascii: "&")) {
        index = try checkCharacter(at: index, end: count)
      } else {
        index += 1
      }
    }
  }

  /// Checks one character (a byte, a UTF-8 sequence or a reference); returns where the next starts.
  func checkCharacter(at index: Int, end: Int) throws(MarkupScanner.Failure) -> Int {
    let byte = base[index]
    if byte < 0x80 {
      if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
        throw MarkupScanner.Failure(
          offset: index, message: "control character 0x\(String(byte, radix: 16)) is not allowed in XML")
      }
      if byte == UInt8(ascii: "&") { return try checkReference(at: index, end: end) }
      return index + 1
    }
    let length: Int
    let minimum: UInt32
    var scalar: UInt32
    switch byte {
    case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
    case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
    case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
    default: throw invalidUTF8(at: index)
    }
    guard index + length <= end else { throw invalidUTF8(at: index) }
    for offset in 1..<length {
      let continuation = base[index + offset]
      guard continuation & 0xC0 == 0x80 else { throw invalidUTF8(at: index) }
      scalar = scalar << 6 | UInt32(continuation & 0x3F)
    }
    guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar), scalar != 0xFFFE, scalar != 0xFFFF else {
      throw invalidUTF8(at: index)
    }
    return index + length
  }

  func invalidUTF8(at index: Int) -> MarkupScanner.Failure {
    MarkupScanner.Failure(
      offset: index,
      message:
        "the text is not valid UTF-8 (byte 0x\(String(base[index], radix: 16))); the declared encoding is wrong or the file is damaged"
    )
  }

  func checkReference(at index: Int, end: Int) throws(MarkupScanner.Failure) -> Int {
    let searchEnd = min(end, index + 40)
    guard let semicolon = (index + 1..<searchEnd).first(where: { base[$0] == UInt8(ascii: ";") }), semicolon > index + 1 else {
      throw MarkupScanner.Failure(offset: index, message: "a '&' that starts no reference (write &amp; for a literal '&')")
    }
    if base[index + 1] == UInt8(ascii: "#") {
      let hex = index + 2 < semicolon && base[index + 2] == UInt8(ascii: "x")
      var value: UInt32? = semicolon > index + (hex ? 3 : 2) ? 0 : nil
      for digitIndex in (index + (hex ? 3 : 2))..<semicolon {
        let byte = base[digitIndex]
        let digit: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
        default: digit = 0; value = nil
        }
        guard let current = value, current < 0x110000 else { value = nil; break }
        value = current * (hex ? 16 : 10) + digit
      }
      guard let value,
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
          || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
      else {
        throw MarkupScanner.Failure(
          offset: index, message: "the character reference \(text(index, semicolon - index + 1)) is not a valid XML character")
      }
    } else {
      guard name(at: index + 1) == semicolon - index - 1 else {
        throw MarkupScanner.Failure(offset: index, message: "a '&' that starts no reference (write &amp; for a literal '&')")
      }
    }
    return semicolon + 1
  }

  // MARK: Helpers

  /// One-based line of `offset` in the document, counted only when a message needs it.
  func line(at offset: Int) -> Int {
    newlines(in: 0..<min(offset, count)) + 1
  }

  func newlines(in range: Range<Int>) -> Int {
    guard !range.isEmpty else { return 0 }
    return pd_count_byte(base + range.lowerBound, range.count, 0x0A)
  }

  /// Whether the `length` bytes at `first` and at `second` are the same: one sixteen-byte
  /// compare for a name that fits (most do) and sixteen readable bytes.
  @inline(__always)
  func sameBytes(_ first: Int, _ second: Int, _ length: Int) -> Bool {
    if length <= 16 && second + 16 <= count && first + 16 <= count {
      return pd_same_prefix16(base + first, base + second, length)
    }
    return memcmp(base + first, base + second, length) == 0
  }

  func isPassedOver(_ start: Int, _ length: Int) -> Bool {
    for candidate in MarkupScanner.passedOverElements where candidate.count == length {
      if candidate.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base + start, length) }) == 0 { return true }
    }
    return false
  }

  /// The length of the XML name at `offset`, or nil if none starts there.
  @inline(__always)
  func name(at offset: Int) -> Int? {
    guard offset < count else { return nil }
    let length = pd_name_length(base + offset, count - offset)
    return length == 0 ? nil : length
  }

  @inline(__always)
  func isNameCharacter(_ byte: UInt8) -> Bool {
    pd_is_name_character(byte)
  }

  func isWhiteSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  func startsWith(_ literal: StaticString, at offset: Int) -> Bool {
    let length = literal.utf8CodeUnitCount
    guard offset + length <= count else { return false }
    return memcmp(base + offset, literal.utf8Start, length) == 0
  }

  func find(_ literal: StaticString, from offset: Int) -> Int? {
    ByteSearch.find(literal, in: UnsafeRawPointer(base), from: offset, to: count)
  }

  func memchrIndex(_ byte: UInt8, from offset: Int) -> Int? {
    guard offset < count, let found = memchr(base + offset, Int32(byte), count - offset) else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
  }

  func text(_ start: Int, _ length: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: base + start, count: max(0, min(length, count - start))), as: UTF8.self)
  }

  func attributeValue(named attribute: StaticString, in range: Range<Int>) -> String? {
    guard let found = find(attribute, from: range.lowerBound), found < range.upperBound else { return nil }
    var index = found + attribute.utf8CodeUnitCount
    while index < range.upperBound && (isWhiteSpace(base[index]) || base[index] == UInt8(ascii: "=")) { index += 1 }
    guard index < range.upperBound, base[index] == UInt8(ascii: "\"") || base[index] == UInt8(ascii: "'") else { return nil }
    let quote = base[index]
    var end = index + 1
    while end < range.upperBound && base[end] != quote { end += 1 }
    return text(index + 1, end - index - 1)
  }
}
