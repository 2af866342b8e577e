/// Small text helpers the library needs without Foundation (whose versions need a
/// `CharacterSet` and bridge through NSString).
extension String {
  /// The string without spaces, tabs and line breaks at either end.
  func trimmingWhiteSpace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[first...last])
  }

  /// The string without any of `characters` at either end.
  func trimming(_ characters: String) -> String {
    var result = Substring(self)
    while let first = result.first, characters.contains(first) { result = result.dropFirst() }
    while let last = result.last, characters.contains(last) { result = result.dropLast() }
    return String(result)
  }

  /// Every occurrence of `target` replaced by `replacement`.
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var remainder = Substring(self)
    while let range = remainder.firstRange(of: target) {
      result += remainder[..<range.lowerBound]
      result += replacement
      remainder = remainder[range.upperBound...]
    }
    return result + remainder
  }
}
