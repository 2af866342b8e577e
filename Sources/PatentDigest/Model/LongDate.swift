/// Dates as the column writes them. Drafting and rendering both use it, so it lives with the model.
enum LongDate {
  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
  ]

  /// "2026-11-26" → "November 26, 2026"; anything else is returned as it is.
  static func text(_ iso: String) -> String {
    let parts = iso.split(separator: "-")
    guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month), let day = Int(parts[2]) else { return iso }
    return "\(months[month - 1]) \(day), \(parts[0])"
  }
}
