extension PatentRecord {
  /// The document's public page, or "" (no link) when the publication number is not of the
  /// shape the USPTO gives them. The address is built from the checked parts only, so a number
  /// in a feed holding markup, a line break or a `)` can never reach a link.
  var publicPageLink: String { Self.publicPageLink(of: publicationNumber) }

  /// The public page of the document numbered `publicationNumber`, or "" as `publicPageLink`.
  static func publicPageLink(of publicationNumber: String) -> String {
    guard let number = googlePatentsNumber(publicationNumber) else { return "" }
    return "https://patents.google.com/patent/\(number)/en"
  }

  /// "US06857133B2" → "US6857133B2", "USD0656296S1" → "USD656296S1": the form Google Patents uses.
  /// Nil unless the number is a country code (two capital letters), at most two capital letters
  /// of series (D, PP, RE, H...), 1 to 13 digits and at most a kind code (a capital letter and a
  /// digit): then it holds only ASCII letters and digits.
  static func googlePatentsNumber(_ number: String) -> String? {
    let bytes = Array(number.utf8)
    func isCapital(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    guard bytes.count >= 3, bytes.count <= 20, isCapital(bytes[0]), isCapital(bytes[1]) else { return nil }
    var index = 2
    while index < bytes.count && index < 4 && isCapital(bytes[index]) { index += 1 }
    let series = bytes[2..<index]
    let digitsStart = index
    while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    var digits = bytes[digitsStart..<index]
    guard (1...13).contains(digits.count) else { return nil }
    let kind = bytes[index...]
    guard kind.isEmpty || (isCapital(kind.first!) && (kind.count == 1 || (kind.count == 2 && isDigit(kind.last!)))) else {
      return nil
    }
    while digits.count > 1 && digits.first == UInt8(ascii: "0") { digits = digits.dropFirst() }
    return String(decoding: bytes[0..<2] + series + digits + kind, as: UTF8.self)
  }
}
