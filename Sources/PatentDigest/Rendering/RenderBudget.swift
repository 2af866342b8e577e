import Mustache

/// A value a template can look names up in.
protocol TemplateFields {
  /// The value a template's `{{key}}` means here, or nil.
  func field(_ key: String) -> Any?
  /// What `{{.}}` shows for it.
  var text: String { get }
}

/// A cap on how much one rendering may write. Mustache cannot loop by itself, but a section
/// repeats its body once per list element, and sections nest: `{{#intro}}` inside `{{#intro}}`
/// inside `{{#intro}}`... repeats the body as the product of the list lengths, and a few lines of
/// template can ask for gigabytes (the template fuzzer found one that took 20 seconds).
///
/// The budget charges what the output can really be made of:
/// - the template's own text, once;
/// - for each list a section looks up, its length times the longest body of a section opened
///   with that name (`TemplateScan.bodySizes`), each element writing the body once, plus 4 KB
///   for the work of rendering an element (`elementCost`). A section on a single value (a flag,
///   a string, `numbers`) writes its body at most once per time the text around it is written,
///   which is already counted, so it costs nothing more;
/// - each value from the draft when it is written (`{{title}}`, `{{.}}`), its length as the
///   format escapes it. A value written twice is charged twice.
///
/// So a template that writes each value a few times and lists each element once costs in
/// proportion to the week (and the limit grows with the week: `DraftRenderer.outputLimit`),
/// while sections nested in sections multiply their charge as they multiply the output. Once the budget is spent, lookups find nothing and values
/// write nothing, which ends the loops quickly, and the renderer reports the template.
final class RenderBudget {
  /// What rendering one element of a list costs besides its text, counted as bytes of output.
  /// swift-mustache copies the context stack for each element and each rendered string once
  /// per level it is nested in, so a template of many tiny repeated bodies works far more than
  /// it writes: at 1 KB an element, a fuzzed template of 6 KB took 5 s under AddressSanitizer
  /// (14 s at nothing); at 4 KB (what the budget charged before, the template's size counted as
  /// at least 4 KB), 1.7 s.
  static let elementCost = 4096
  private var remaining: Int
  private let bodySizes: [String: Int]
  private let format: DraftFormat?

  init(bytes: Int, templateSize: Int, bodySizes: [String: Int], format: DraftFormat?) {
    remaining = bytes - templateSize
    self.bodySizes = bodySizes
    self.format = format
  }

  var isSpent: Bool { remaining < 0 }

  /// The view as a template sees it, with its lookups charged here.
  func view(_ fields: any TemplateFields) -> BudgetedFields { BudgetedFields(fields: fields, budget: self) }

  /// `value`, found under `name`, if the budget allows it; wrapped so that what it writes and
  /// its own lookups are charged too.
  func admit(_ value: Any, named name: String) -> Any? {
    guard !isSpent else { return nil }
    switch value {
    case let string as String:
      return ChargedText(string, budget: self)
    case let strings as [String]:
      charge(strings.count, times: Self.elementCost + (bodySizes[name] ?? 0))
      return strings.map { ChargedText($0, budget: self) }
    case let list as [any TemplateFields]:
      charge(list.count, times: Self.elementCost + (bodySizes[name] ?? 0))
      return list.map(view)
    case let fields as any TemplateFields:
      return view(fields)
    case let flag as Bool:
      // "true" or "false" is no longer than the tag it replaces, which was charged with the text.
      return flag
    default:
      // A number: at most 20 digits.
      charge(1, times: 32)
      return value
    }
  }

  /// `text` as a value writes it: charged at its escaped length, and nothing once spent.
  func write(_ text: String) -> String {
    charge(1, times: escapedLength(text))
    return isSpent ? "" : text
  }

  private func charge(_ count: Int, times size: Int) {
    let (cost, overflow) = count.multipliedReportingOverflow(by: size)
    remaining = overflow ? -1 : remaining - cost
  }

  /// How long `text` is once the format has escaped it (HTML turns `"` into six bytes, Markdown
  /// puts a backslash before its special characters).
  private func escapedLength(_ text: String) -> Int {
    var length = 0
    for byte in text.utf8 {
      length += 1
      switch (format, byte) {
      case (.html?, UInt8(ascii: "<")), (.html?, UInt8(ascii: ">")): length += 3
      case (.html?, UInt8(ascii: "&")), (.html?, UInt8(ascii: "'")): length += 4
      case (.html?, UInt8(ascii: "\"")): length += 5
      case (.markdown?, _) where byte < 0x80 && MarkdownContentType.escapable(byte): length += 1
      default: break
      }
    }
    return length
  }
}

/// One of the draft's views, as the renderer hands it to swift-mustache.
struct BudgetedFields: MustacheParent, CustomStringConvertible {
  let fields: any TemplateFields
  let budget: RenderBudget

  func child(named name: String) -> Any? {
    fields.field(name).flatMap { budget.admit($0, named: name) }
  }

  var description: String { budget.write(fields.text) }
}

/// A string from the draft, as a template sees it: `{{.}}` and `{{name}}` write it (charged to
/// the budget as they do), and the string transforms (`uppercased`, ...) apply. A plain `String`
/// would also be searched by reflection at each level of the context stack, which nested
/// sections make slow; this answers at once.
struct ChargedText: MustacheParent, MustacheTransformable, CustomStringConvertible, Comparable {
  let text: String
  let budget: RenderBudget

  init(_ text: String, budget: RenderBudget) {
    self.text = text
    self.budget = budget
  }

  func child(named name: String) -> Any? { nil }
  func transform(_ name: String) -> Any? {
    let result = text.transform(name)
    switch result {
    case let string as String: return ChargedText(string, budget: budget)
    case let substring as Substring: return ChargedText(String(substring), budget: budget)
    default: return result
    }
  }
  var description: String { budget.write(text) }
  static func < (lhs: ChargedText, rhs: ChargedText) -> Bool { lhs.text < rhs.text }
  static func == (lhs: ChargedText, rhs: ChargedText) -> Bool { lhs.text == rhs.text }
}
