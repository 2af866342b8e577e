/// By the numbers against the weeks before, from the history's background of the week: each
/// count against its average of the previous four weeks, and each company's last twelve weeks
/// (the chart).
///
/// - A trend is given only when the history holds all four weeks before this one: a week it
///   holds nothing of is unknown, never zero. Within a week it holds, a company or topic it
///   counts nothing for had none. A week whose feeds hold fewer than half the documents the four
///   weeks averaged is taken to be partial (one of its two files) and gets no trends.
/// - The chart is eleven weeks from the history and this week from the feeds; a week the history
///   does not hold is a gap (`count` nil). There is no chart unless the history holds at least
///   one of the eleven.
struct WeekTrends {
  /// Weeks a trend averages.
  static let trendWeeks = 4
  /// Weeks a chart shows, this one included.
  static let chartWeeks = 12

  private let heldWeeks: [String: HistoryBackground.Week]
  private let previousSundays: [String]
  private let chartSundays: [String]
  private let trendsApply: Bool
  private let chartsApply: Bool

  /// `week` is the Sunday of the week drafted, `documents` the documents in its feeds.
  init(background: HistoryBackground, week: String, documents: Int) {
    let held = Dictionary(background.weeks.map { ($0.week, $0) }, uniquingKeysWith: { first, _ in first })
    heldWeeks = held
    let this = PublishingWeek(containing: week)
    func sundays(_ count: Int) -> [String] {
      guard let this else { return [] }
      return (1...count).reversed().map { this.adding(weeks: -$0).sunday }
    }
    previousSundays = sundays(Self.trendWeeks)
    chartSundays = sundays(Self.chartWeeks - 1) + [week]
    let previous = previousSundays.compactMap { held[$0] }
    let averageDocuments = Double(previous.reduce(0) { $0 + $1.documents }) / Double(Self.trendWeeks)
    trendsApply = previous.count == Self.trendWeeks && Double(documents) * 2 >= averageDocuments
    chartsApply = chartSundays.dropLast().contains { held[$0] != nil }
  }

  /// The company's or topic's count this week against the previous four.
  func trend(count: Int, in counts: (HistoryBackground.Week) -> [String: Int], name: String) -> ByTheNumbers.Trend? {
    guard trendsApply else { return nil }
    let previous = previousSundays.map { heldWeeks[$0].map(counts)?[name] ?? 0 }
    let average = Double(previous.reduce(0, +)) / Double(previous.count)
    let direction: ByTheNumbers.Trend.Direction =
      Double(count) > average ? .up : Double(count) < average ? .down : .same
    return ByTheNumbers.Trend(previousWeeks: previousSundays, previousCounts: previous, average: average, direction: direction)
  }

  /// The company's last twelve weeks, this week's `count` last.
  func recentWeeks(of company: String, count: Int) -> [ByTheNumbers.WeekCount]? {
    guard chartsApply else { return nil }
    return chartSundays.dropLast().map {
      ByTheNumbers.WeekCount(week: $0, count: heldWeeks[$0].map { $0.perCompany[company] ?? 0 })
    }
      + [ByTheNumbers.WeekCount(week: chartSundays.last!, count: count)]
  }
}
