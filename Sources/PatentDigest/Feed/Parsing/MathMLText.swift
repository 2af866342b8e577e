/// Turns a MathML fragment into a line a reader can follow: `x^2 + y^2 = z^2`, `(a + b)/2`,
/// `√(x)`. It gathers the fragment as a small tree while the parser walks it.
struct MathMLText {
  private struct Node {
    var element: ElementName
    var open: String?
    var close: String?
    var separators: String?
    var parts: [String] = []
  }

  private var stack: [Node] = [Node(element: .math)]

  mutating func start(_ element: ElementName, attributes: [(String, String)]) {
    var node = Node(element: element)
    if element == .mfenced {
      for (name, value) in attributes {
        switch name {
        case "open": node.open = value
        case "close": node.close = value
        case "separators": node.separators = value
        default: break
        }
      }
    }
    stack.append(node)
  }

  mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
    stack[stack.count - 1].parts.append(String(decoding: text, as: UTF8.self))
  }

  mutating func end() {
    guard stack.count > 1 else { return }
    let node = stack.removeLast()
    stack[stack.count - 1].parts.append(Self.render(node))
  }

  /// The whole fragment, white space folded.
  var text: String {
    let joined = stack.map(Self.render).joined()
    return joined.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
  }

  private static let spacedOperators: Set<String> = [
    "=", "+", "-", "−", "×", "÷", "<", ">", "≤", "≥", "≈", "≠", "±", "→", "⇒", "∈",
  ]

  private static func render(_ node: Node) -> String {
    // Leaves trim their own text; the spacing of rendered children is kept.
    let parts = isLeaf(node.element) ? node.parts.map { $0.trimmingWhiteSpace() } : node.parts
    func part(_ index: Int) -> String { index < parts.count ? parts[index] : "" }
    switch node.element {
    case .mo:
      let symbol = parts.joined()
      // Invisible operators (function application, invisible times) read as a space.
      if !symbol.isEmpty && symbol.unicodeScalars.allSatisfy({ (0x2061...0x2064).contains($0.value) }) { return " " }
      return spacedOperators.contains(symbol) ? " \(symbol) " : symbol
    case .msup: return part(0) + "^" + grouped(part(1))
    case .msub: return part(0) + "_" + grouped(part(1))
    case .msubsup: return part(0) + "_" + grouped(part(1)) + "^" + grouped(part(2))
    case .mfrac: return grouped(part(0)) + "/" + grouped(part(1))
    case .msqrt: return "√(" + parts.joined() + ")"
    case .mroot: return "√(" + part(0) + ")"
    case .mfenced:
      let separator = node.separators.map { $0.trimmingWhiteSpace() } ?? ","
      return (node.open ?? "(") + parts.joined(separator: separator.isEmpty ? "" : separator + " ") + (node.close ?? ")")
    case .mspace: return " "
    case .mover, .munder, .munderover, .mtable, .mtr, .mtd: return parts.joined(separator: " ")
    default: return parts.joined()
    }
  }

  private static func isLeaf(_ element: ElementName) -> Bool {
    switch element {
    case .mi, .mn, .mo, .mtext, .ms: return true
    default: return false
    }
  }

  private static func grouped(_ text: String) -> String {
    let text = text.trimmingWhiteSpace()
    let plain = text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." }
    return plain || (text.hasPrefix("(") && text.hasSuffix(")")) ? text : "(\(text))"
  }
}
