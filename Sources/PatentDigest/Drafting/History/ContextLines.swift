/// Writes the context line of an item from the history's background of the week: only what the
/// history shows to be true, and only when it is notable. At most one line per item.
///
/// Each of the item's topics gives a key: the item's company (the parent the watch list names),
/// the topic (as the watch list names it) and the item's type (application or grant). For each
/// key, two lines are possible:
///
/// - **"first … since"** (`companyTopicLatestBefore`): the item is the key's first filing of the
///   week (no filing of the key this week has a lower publication number) and
///   - the history's latest filing of the key before the week was published more than 365 days
///     before the item, and the history begins in an earlier week than that filing's, so nothing
///     between them went unrecorded: "Amazon's first grant in drones and robotics since March
///     2024";
///   - or the history holds no filing of the key at all and begins more than 365 days before the
///     item: "Apple's first application in gaming since at least March 2024" (the history's first
///     month: a claim never reaches further back than the history does).
/// - **"nth … this year"** (`companyTopicYearCount`): the item's place among the key's filings of
///   its calendar year: the history's filings of the year before the week, then the week's own
///   in the same year with lower publication numbers (so two in one week are "second" and
///   "third"). Written from the second to the tenth, only when the key averages at most one filing
///   every two weeks of the year so far (the place is at most half the weeks elapsed: a routine
///   topic for the company is not news), and only when the history begins on or before January
///   1 of that year (else the count would start late). In a week that straddles New Year, an item
///   published in the new year is counted from the week alone, which holds all of that year.
///
/// When several keys give a line: the longest gap first, then "since at least", then the lowest
/// place in the year; ties go to the item's first topic (the tagger's order). Without a history,
/// or one that holds nothing, there are no lines.
///
/// The words are the editor's: the place as a word ("third"), the topic as the watch list names
/// it after "in", the month in full. Nothing comes from the filing's text, so no claim language
/// reaches the line.
struct ContextLines {
  private let background: HistoryBackground
  /// The week's Sunday (YYYY-MM-DD).
  private let week: String
  /// The week's watched filings of each key, by publication number.
  private let weekFilings: [CompanyTopicKey: [(number: String, date: String?)]]

  /// The longest place in the year written as a context line.
  static let highestOrdinal = 10
  /// A "first … since" gap is notable above this many days.
  static let notableGapDays = 365

  init(background: HistoryBackground, week: String, watchedRecords: [ClassifiedRecord]) {
    self.background = background
    self.week = week
    var filings: [CompanyTopicKey: [(number: String, date: String?)]] = [:]
    for classified in watchedRecords {
      for key in Self.keys(of: classified) {
        filings[key, default: []].append((classified.record.publicationNumber, classified.record.publicationDate))
      }
    }
    weekFilings = filings.mapValues { $0.sorted { $0.number < $1.number } }
  }

  /// The keys a watched filing counts for: its section's company, each of its topics, its type.
  static func keys(of classified: ClassifiedRecord) -> [CompanyTopicKey] {
    guard let company = classified.companies.first else { return [] }
    return classified.topics.map { CompanyTopicKey(company: company, topic: $0.name, type: classified.record.type) }
  }

  /// The item's line, if any key gives a notable one.
  func lines(for classified: ClassifiedRecord) -> [ContextLine] {
    guard let firstRecordedWeek = background.firstRecordedWeek,
      let date = classified.record.publicationDate, let day = CivilDate(date)
    else { return [] }
    var candidates: [(rank: (Int, Int), line: ContextLine)] = []
    for key in Self.keys(of: classified) {
      guard let history = background.keys[key] else { continue }
      let earlierThisWeek = (weekFilings[key] ?? []).filter { $0.number < classified.record.publicationNumber }
      if let line = sinceLine(key, history, earlierThisWeek.count, day: day, firstRecordedWeek: firstRecordedWeek) {
        candidates.append(line)
      } else if let line = yearLine(key, history, earlierThisWeek, date: date, day: day, firstRecordedWeek: firstRecordedWeek) {
        candidates.append(line)
      }
    }
    // Stable: ties keep the topics' order.
    let best = candidates.enumerated().min {
      ($0.element.rank.0, $0.element.rank.1, $0.offset) < ($1.element.rank.0, $1.element.rank.1, $1.offset)
    }
    return best.map { [$0.element.line] } ?? []
  }

  private func sinceLine(
    _ key: CompanyTopicKey, _ history: HistoryBackground.KeyHistory, _ earlierThisWeek: Int, day: CivilDate,
    firstRecordedWeek: String
  ) -> (rank: (Int, Int), line: ContextLine)? {
    guard earlierThisWeek == 0, let firstDay = CivilDate(firstRecordedWeek) else { return nil }
    if let latest = history.latestBefore {
      guard let latestDay = CivilDate(latest.publicationDate),
        let latestWeek = PublishingWeek(containing: latest.publicationDate)?.sunday, firstRecordedWeek < latestWeek
      else { return nil }
      let gap = day.number - latestDay.number
      guard gap > Self.notableGapDays else { return nil }
      let text =
        "\(Self.possessive(key.company)) first \(Self.noun(key.type)) in \(key.topic) since \(Self.monthYear(latest.publicationDate))"
      return (
        (0, -gap),
        ContextLine(
          text: text, query: .companyTopicLatestBefore, company: key.company, topic: key.topic, type: key.type,
          earlierThisWeek: 0, latestBefore: latest, daysSinceLatest: gap, firstRecordedWeek: firstRecordedWeek)
      )
    }
    guard history.earlierThisYear == 0, day.number - firstDay.number > Self.notableGapDays else { return nil }
    let text =
      "\(Self.possessive(key.company)) first \(Self.noun(key.type)) in \(key.topic) since at least \(Self.monthYear(firstRecordedWeek))"
    return (
      (1, 0),
      ContextLine(
        text: text, query: .companyTopicLatestBefore, company: key.company, topic: key.topic, type: key.type,
        earlierThisWeek: 0, firstRecordedWeek: firstRecordedWeek)
    )
  }

  private func yearLine(
    _ key: CompanyTopicKey, _ history: HistoryBackground.KeyHistory, _ earlierThisWeek: [(number: String, date: String?)],
    date: String, day: CivilDate, firstRecordedWeek: String
  ) -> (rank: (Int, Int), line: ContextLine)? {
    let year = String(date.prefix(4))
    guard let yearNumber = Int(year), let january1 = CivilDate("\(year)-01-01") else { return nil }
    let earlierInHistory: Int
    if week.hasPrefix(year) {
      // The history's count starts on January 1 only if the history does.
      guard firstRecordedWeek <= "\(year)-01-01" else { return nil }
      earlierInHistory = history.earlierThisYear
    } else {
      // The week began in the year before: the history holds nothing of this year.
      earlierInHistory = 0
    }
    let sameYear = earlierThisWeek.filter { $0.date?.hasPrefix(year) == true }.count
    let ordinal = earlierInHistory + sameYear + 1
    let weeksElapsed = (day.number - january1.number) / 7 + 1
    guard (2...Self.highestOrdinal).contains(ordinal), ordinal * 2 <= weeksElapsed, let word = Self.ordinalWords[ordinal] else {
      return nil
    }
    let text = "\(Self.possessive(key.company)) \(word) \(Self.noun(key.type)) in \(key.topic) this year"
    return (
      (2, ordinal),
      ContextLine(
        text: text, query: .companyTopicYearCount, company: key.company, topic: key.topic, type: key.type,
        earlierThisWeek: sameYear, year: yearNumber, earlierInHistory: earlierInHistory, ordinal: ordinal,
        firstRecordedWeek: firstRecordedWeek)
    )
  }

  static let ordinalWords = [
    2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
  ]

  static func noun(_ type: PatentRecord.DocumentType) -> String {
    type == .application ? "application" : "grant"
  }

  /// "Apple's"; a name ending in s takes the apostrophe alone ("Siemens'").
  static func possessive(_ name: String) -> String {
    name.hasSuffix("s") ? name + "'" : name + "'s"
  }

  /// "2024-03-05" → "March 2024".
  static func monthYear(_ date: String) -> String {
    let parts = date.split(separator: "-")
    guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month) else { return date }
    return "\(LongDate.months[month - 1]) \(parts[0])"
  }
}
