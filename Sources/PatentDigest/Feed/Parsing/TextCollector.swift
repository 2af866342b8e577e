/// Gathers the character data of one field as UTF-8, folding every run of white space into one
/// space, so that text reads as a person reads it whatever the markup's line breaks were.
struct TextCollector {
  private(set) var bytes: [UInt8] = []
  private var pendingSpace = false
  /// Set once more text arrived than `maximumBytes`; the record is then refused.
  private(set) var overflowed = false
  static let maximumBytes = 4 << 20

  var isEmpty: Bool { bytes.isEmpty }

  mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
    if bytes.count + text.count > Self.maximumBytes {
      overflowed = true
      return
    }
    for byte in text {
      if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
        pendingSpace = !bytes.isEmpty
      } else {
        if pendingSpace {
          bytes.append(0x20)
          pendingSpace = false
        }
        bytes.append(byte)
      }
    }
  }

  mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// Marks a boundary between blocks (paragraphs, claim parts): a space unless one is there.
  mutating func separate() {
    pendingSpace = !bytes.isEmpty
  }

  /// True when the last character written is a letter or digit (for `^` before a superscript).
  var endsInWord: Bool {
    guard !pendingSpace, let last = bytes.last else { return false }
    return last >= 0x80 || (last | 0x20 >= UInt8(ascii: "a") && last | 0x20 <= UInt8(ascii: "z"))
      || (last >= UInt8(ascii: "0") && last <= UInt8(ascii: "9")) || last == UInt8(ascii: ")")
  }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The text, or `nil` when there is none (a design's abstract).
  var textIfAny: String? { isEmpty ? nil : text }

}
