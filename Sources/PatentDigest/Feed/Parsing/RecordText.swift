/// The prose a record keeps (title, abstract, first claim) as both record builders gather it:
/// which text is open and how deep its element is, and the block inside it (a table, an image,
/// a formula, chemistry) whose text is left out. The builders decide which elements open what.
struct RecordText {
  enum Target {
    case title, abstract, firstClaim
  }

  private(set) var title = TextCollector()
  private(set) var abstract = TextCollector()
  private(set) var firstClaim = TextCollector()
  /// The text being gathered, and the depth of the element that holds it.
  private(set) var open: (target: Target, depth: Int)?
  /// Depth at which a left-out block started inside the open text.
  private(set) var suppressedDepth: Int?

  mutating func begin(_ target: Target, depth: Int) {
    open = (target, depth)
  }

  /// Leaves out the text of the block whose element starts at `depth`.
  mutating func suppress(from depth: Int) {
    suppressedDepth = depth
  }

  /// For an element ending at `depth`: true when it is inside a left-out block (or ends it), and
  /// so is the block's business alone.
  mutating func endSuppressed(at depth: Int) -> Bool {
    guard let suppressed = suppressedDepth else { return false }
    if depth == suppressed { suppressedDepth = nil }
    return true
  }

  /// For an element ending at `depth` inside the open text: the text's own element closes it;
  /// another that breaks the prose (a paragraph, a part of a claim) separates what follows.
  mutating func end(at depth: Int, isBreak: @autoclosure () -> Bool) {
    guard let open else { return }
    if depth == open.depth {
      self.open = nil
    } else if isBreak() {
      separate()
    }
  }

  /// Appends to the open text, if any.
  mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
    modifyOpen { $0.append(text) }
  }

  mutating func append(_ text: String) {
    modifyOpen { $0.append(text) }
  }

  /// Marks a boundary between blocks in the open text, if any.
  mutating func separate() {
    modifyOpen { $0.separate() }
  }

  /// True when the open text's last character is a letter or digit (for `^` before a superscript).
  var endsInWord: Bool {
    switch open?.target {
    case .title: return title.endsInWord
    case .abstract: return abstract.endsInWord
    case .firstClaim: return firstClaim.endsInWord
    case nil: return false
    }
  }

  /// Refuses a document whose title, abstract or first claim ran over the limit.
  func refuseOverflow() throws(RecordBuilder.Problem) {
    for (name, collector) in [("title", title), ("abstract", abstract), ("first claim", firstClaim)] where collector.overflowed {
      throw RecordBuilder.Problem(
        message: "the \(name) is longer than \(TextCollector.maximumBytes >> 20) MB; refusing the document")
    }
  }

  private mutating func modifyOpen(_ change: (inout TextCollector) -> Void) {
    switch open?.target {
    case .title: change(&title)
    case .abstract: change(&abstract)
    case .firstClaim: change(&firstClaim)
    case nil: break
    }
  }
}

/// A short value (a number, a date, a name) gathered while its element is open; past 64 KB the
/// rest is not kept.
struct FieldText {
  private var bytes: [UInt8] = []

  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
  }

  mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
    if bytes.count + text.count <= 65_536 { bytes.append(contentsOf: text) }
  }

  /// The value without the white space around it.
  var value: String { String(decoding: bytes, as: UTF8.self).trimmingWhiteSpace() }
}
