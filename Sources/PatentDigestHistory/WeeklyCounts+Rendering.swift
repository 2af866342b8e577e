import Foundation

extension WeeklyCounts {
  /// The formats `patent-digest history` prints.
  public enum Format: String, Sendable, Hashable, CaseIterable {
    case text
    case csv
    case json
  }

  /// The counts in `format`, ending with a newline.
  public func rendered(as format: Format) -> String {
    switch format {
    case .text: text
    case .csv: csv
    case .json: json
    }
  }

  /// A table for people: one row per week, one column per count, aligned.
  var text: String {
    let header = ["week", "documents", "applications", "grants"] + (dimension == nil ? [] : names)
    let rows = weeks.map { week in
      [week.week, "\(week.documents)", "\(week.applications)", "\(week.grants)"] + week.counts.map { "\($0.count)" }
    }
    let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    return ([header] + rows).map { cells in
      cells.enumerated().map { column, cell in
        // The week on the left, the numbers on the right.
        column == 0
          ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[column] - cell.count) + cell
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }

  /// Without a dimension, one row per week; with one, one row per week and name (long form, as
  /// charting tools take it), zeros included.
  var csv: String {
    var lines: [String]
    if let dimension {
      lines = ["week,\(dimension.rawValue),count"]
      for week in weeks {
        for count in week.counts { lines.append("\(week.week),\(Self.csvField(count.name)),\(count.count)") }
      }
    } else {
      lines = ["week,documents,applications,grants"]
      for week in weeks { lines.append("\(week.week),\(week.documents),\(week.applications),\(week.grants)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func csvField(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// `{"by": "company"|"topic"|null, "weeks": [{"week", "documents", "applications", "grants",
  /// "counts": [{"name", "count"}]}]}`, keys sorted.
  var json: String {
    struct Output: Encodable {
      struct Week: Encodable {
        var week: String
        var documents: Int
        var applications: Int
        var grants: Int
        var counts: [Count]?
      }
      struct Count: Encodable {
        var name: String
        var count: Int
      }
      var by: String?
      var weeks: [Week]

      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // `by` is written as null rather than left out, so a reader always finds the key.
        try container.encode(by, forKey: .by)
        try container.encode(weeks, forKey: .weeks)
      }
      enum CodingKeys: String, CodingKey { case by, weeks }
    }
    let output = Output(
      by: dimension?.rawValue,
      weeks: weeks.map {
        .init(
          week: $0.week, documents: $0.documents, applications: $0.applications, grants: $0.grants,
          counts: dimension == nil ? nil : $0.counts.map { .init(name: $0.name, count: $0.count) })
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(output)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
