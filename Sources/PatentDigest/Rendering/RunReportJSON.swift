import Foundation

/// The run report as JSON, keys sorted so the same run gives the same bytes.
public enum RunReportJSON {
  public static func encode(_ report: RunReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(report) else { preconditionFailure("a RunReport always encodes") }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
