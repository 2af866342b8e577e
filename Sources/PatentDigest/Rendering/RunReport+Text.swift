extension RunReport {
  /// The report for people: one block per concern.
  public var text: String {
    var lines = ["patent-digest run report", ""]
    lines.append("Read: \(inputs.joined(separator: ", "))")
    lines.append(
      "Documents: \(summary.documents) (\(summary.records) records, \(summary.sequenceListings) sequence listings, "
        + "\(summary.failedDocuments) failed)")
    lines.append("Watch list: \(watchList); templates: \(templates)")
    lines.append("")
    lines.append(failedDocuments.isEmpty && unusableInputs.isEmpty && editProblems.isEmpty ? "Problems: none" : "Problems:")
    for problem in unusableInputs + failedDocuments + editProblems { lines.append("  \(problem)") }
    lines.append("")
    lines.append("Picked:")
    for pick in picks {
      lines.append("  \(pick.company): \(pick.publicationNumber) (\(pick.role), score \(pick.score))")
      for reason in pick.reasons { lines.append("    \(reason)") }
    }
    if !companiesWithoutItems.isEmpty {
      lines.append("")
      lines.append("Nothing this week from: \(companiesWithoutItems.joined(separator: ", "))")
    }
    // Numbers, titles and failure messages come from the feed: each stays on its line.
    return lines.map(\.withVisibleControlCharacters).joined(separator: "\n") + "\n"
  }
}
