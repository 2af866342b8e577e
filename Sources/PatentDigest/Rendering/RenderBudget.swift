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
/// Every name a template looks up passes through here and is charged what it can add to the
/// output: a string its length, a list its length times the template's size (each element renders
/// the body once, and no body is longer than the template), one value the template's size. The
/// weekly draft is tens of kilobytes, so the cap is far above any real template. Once it is spent,
/// every lookup finds nothing, which ends the loops quickly, and the renderer reports the template.
final class RenderBudget {
  private var remaining: Int
  private let templateSize: Int

  /// `templateSize` is counted as at least 4 KB, so a tiny template cannot run a great many
  /// cheap repetitions before it is stopped.
  init(bytes: Int, templateSize: Int) {
    remaining = bytes
    self.templateSize = max(templateSize, 4096)
  }

  var isSpent: Bool { remaining < 0 }

  /// The view as a template sees it, with its lookups charged here.
  func view(_ fields: any TemplateFields) -> BudgetedFields { BudgetedFields(fields: fields, budget: self) }

  /// `value` if the budget allows it, wrapped so that its own lookups are charged too.
  func admit(_ value: Any) -> Any? {
    guard !isSpent else { return nil }
    switch value {
    case let string as String:
      charge(string.utf8.count)
      return string
    case let strings as [String]:
      charge(strings.count, timesTemplate: true)
      return strings.map(TemplateText.init)
    case let list as [any TemplateFields]:
      charge(list.count, timesTemplate: true)
      return list.map(view)
    case let fields as any TemplateFields:
      charge(1, timesTemplate: true)
      return view(fields)
    case let flag as Bool:
      if flag { charge(1, timesTemplate: true) }
      return flag
    default:
      charge(32)
      return value
    }
  }

  private func charge(_ count: Int, timesTemplate: Bool = false) {
    let (cost, overflow) = count.multipliedReportingOverflow(by: timesTemplate ? templateSize : 1)
    remaining = overflow ? -1 : remaining - cost
  }
}

/// One of the draft's views, as the renderer hands it to swift-mustache.
struct BudgetedFields: MustacheParent, CustomStringConvertible {
  let fields: any TemplateFields
  let budget: RenderBudget

  func child(named name: String) -> Any? {
    fields.field(name).flatMap(budget.admit)
  }

  var description: String { fields.text }
}

/// A string in a list (an intro paragraph), as a section's element. swift-mustache looks a name up
/// through every element of the context stack; a plain `String` would be searched by reflection
/// at each level, which nested sections make slow. This answers at once and otherwise behaves as
/// the string: `{{.}}` shows it, and the string transforms (`uppercased`, ...) apply.
struct TemplateText: MustacheParent, MustacheTransformable, CustomStringConvertible, Comparable {
  let text: String

  init(_ text: String) { self.text = text }

  func child(named name: String) -> Any? { nil }
  func transform(_ name: String) -> Any? { text.transform(name) }
  var description: String { text }
  static func < (lhs: TemplateText, rhs: TemplateText) -> Bool { lhs.text < rhs.text }
}
