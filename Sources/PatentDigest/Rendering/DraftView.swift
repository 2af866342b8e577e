/// The draft as the templates see it: only strings, numbers, booleans and lists, with the joins
/// ("Meta and Microsoft", "Topics: a, b") already made, so templates stay logic-less.
struct DraftView {
  struct Item {
    /// As the draft has it: sentence case.
    var subhead: String
    /// For templates that want title case: `{{subheadTitleCase}}`.
    var subheadTitleCase: String
    var blurb: String
    var publicationNumber: String
    var kindText: String
    var dateText: String
    var assignee: String
    /// "." unless the assignee's name already ends with one ("Inc.").
    var period: String
    var hasTopics: Bool
    var topicsText: String
    var link: String
    var isLead: Bool
    /// The item's context line from the history ("Apple's third application in wearables this
    /// year"); empty when there is none.
    var hasContext: Bool
    var contextText: String
  }

  struct Section {
    var company: String
    var items: [Item]
  }

  struct Entry {
    var publicationNumber: String
    var title: String
    var link: String
    /// "November 22, 2026": the week whose draft featured it; nil when none did.
    var featuredWeekText: String?
  }

  /// A grant of the week that follows up an earlier week's item.
  struct FollowUp {
    var company: String
    var subhead: String
    var publicationNumber: String
    var dateText: String
    var link: String
    var featuredWeekText: String
    var featuredPublicationNumber: String
    var featuredLink: String
  }

  struct Group {
    var company: String
    var entries: [Entry]
  }

  struct Count {
    var name: String
    var count: Int
    /// "up from a four-week average of 2.25"; empty without a trend.
    var hasTrend: Bool
    var trendText: String
    var averageText: String
    /// The last twelve weeks, for a company, when the history holds any of them.
    var chart: Chart?
  }

  /// A company's last twelve weeks as a small bar chart: bars to draw as SVG rectangles (a week
  /// the history does not hold has no bar), a line of block characters for text, and the figures
  /// in words for a screen reader or a client that shows no SVG.
  struct Chart {
    struct Bar {
      var x: Int
      var y: Int
      var width: Int
      var height: Int
      var isThisWeek: Bool
    }

    var width: Int
    var height: Int
    var bars: [Bar]
    /// "▂▃·▅▁": a block per week, `·` for a week the history does not hold, `▁` for none.
    var sparkline: String
    /// "Apple, filings per week over the last 12 weeks, oldest first: 4, 3, not recorded, …, 5 (this week)".
    var label: String

    static let slot = 10
    static let barWidth = 7
    static let plotHeight = 24
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    init(company: String, weeks: [ByTheNumbers.WeekCount]) {
      let top = max(1, weeks.compactMap(\.count).max() ?? 0)
      width = weeks.count * Self.slot
      height = Self.plotHeight
      bars = weeks.enumerated().compactMap { index, week in
        guard let count = week.count else { return nil }
        // A week with none keeps a one-pixel bar, so it reads as zero rather than as a gap.
        let barHeight = max(1, (count * Self.plotHeight + top / 2) / top)
        return Bar(
          x: index * Self.slot, y: Self.plotHeight - barHeight, width: Self.barWidth, height: barHeight,
          isThisWeek: index == weeks.count - 1)
      }
      sparkline = String(
        weeks.map { week in
          guard let count = week.count else { return "·" }
          guard count > 0 else { return Self.blocks[0] }
          // 1 to 7 of 8 blocks, rounded up, so any filing stands above none.
          return Self.blocks[(count * (Self.blocks.count - 1) + top - 1) / top]
        })
      let figures = weeks.enumerated().map { index, week in
        (week.count.map(String.init) ?? "not recorded") + (index == weeks.count - 1 ? " (this week)" : "")
      }
      label = "\(company), filings per week over the last \(weeks.count) weeks, oldest first: \(figures.joined(separator: ", "))"
    }
  }

  struct Numbers {
    var documents: Int
    var applications: Int
    var grants: Int
    var perCompany: [Count]
  }

  var headline: String
  var dek: String
  var weekOfText: String
  var intro: [String]
  var sections: [Section]
  var hasCompaniesWithoutItems: Bool
  var companiesWithoutItemsText: String
  var hasFollowUps: Bool
  var followUps: [FollowUp]
  var hasRestOfWeek: Bool
  var restOfWeek: [Group]
  var numbers: Numbers
  var hasTopTopics: Bool
  var topTopicsText: String
  /// The same five topics, each with its trend.
  var topTopics: [Count]
  /// Whether any count has a trend, or any company a chart.
  var hasTrends: Bool
  var hasCharts: Bool
  /// The draft's size as the render budget scales with it: the bytes of its text, and 512 for
  /// each element of its lists (16 times that covers the budget's 4 KB for rendering an element,
  /// and a body of up to 4 KB).
  var size: Int

  init(_ draft: Draft) {
    headline = draft.headline
    dek = draft.dek
    weekOfText = draft.weekOfText
    intro = draft.intro
    sections = draft.sections.map { section in
      Section(
        company: section.company,
        items: section.items.map { item in
          Item(
            subhead: item.subhead, subheadTitleCase: PlainEnglish.titleCased(item.subhead), blurb: item.blurb,
            publicationNumber: item.publicationNumber,
            kindText: item.type == .application
              ? "published" : (item.applicationType == "design" ? "design patent granted" : "granted"),
            dateText: item.publicationDate.map(LongDate.text) ?? "this week", assignee: item.assignee,
            period: item.assignee.hasSuffix(".") ? "" : ".",
            hasTopics: !item.topics.isEmpty, topicsText: item.topics.joined(separator: ", "), link: item.link,
            isLead: item.publicationNumber == draft.lead?.publicationNumber, hasContext: !item.context.isEmpty,
            contextText: item.context.map(\.text).joined(separator: "; "))
        })
    }
    hasCompaniesWithoutItems = !draft.companiesWithoutItems.isEmpty
    companiesWithoutItemsText = Self.list(draft.companiesWithoutItems)
    hasFollowUps = !draft.followUps.isEmpty
    followUps = draft.followUps.map { followUp in
      FollowUp(
        company: followUp.company, subhead: followUp.subhead, publicationNumber: followUp.publicationNumber,
        dateText: followUp.publicationDate.map(LongDate.text) ?? "this week", link: followUp.link,
        featuredWeekText: LongDate.text(followUp.featuredWeek), featuredPublicationNumber: followUp.featuredPublicationNumber,
        featuredLink: followUp.featuredLink)
    }
    hasRestOfWeek = !draft.restOfWeek.isEmpty
    restOfWeek = draft.restOfWeek.map { group in
      Group(
        company: group.company,
        entries: group.entries.map {
          Entry(
            publicationNumber: $0.publicationNumber, title: $0.title, link: $0.link,
            featuredWeekText: $0.featuredWeek.map(LongDate.text))
        })
    }
    numbers = Numbers(
      documents: draft.byTheNumbers.documents, applications: draft.byTheNumbers.applications, grants: draft.byTheNumbers.grants,
      perCompany: draft.byTheNumbers.perCompany.map(Count.init))
    let top = draft.byTheNumbers.perTopic.prefix(5)
    hasTopTopics = !top.isEmpty
    topTopics = top.map(Count.init)
    topTopicsText = topTopics.map { "\($0.name) (\($0.count)\($0.hasTrend ? ", " + $0.trendText : ""))" }.joined(separator: ", ")
    hasTrends = (numbers.perCompany + topTopics).contains(where: \.hasTrend)
    hasCharts = numbers.perCompany.contains { $0.chart != nil }

    func bytes(_ texts: String...) -> Int { texts.reduce(0) { $0 + $1.utf8.count } }
    let element = 512
    var size = bytes(headline, dek, weekOfText, companiesWithoutItemsText, topTopicsText)
    size += intro.reduce(0) { $0 + element + $1.utf8.count }
    for section in sections {
      size += element + bytes(section.company)
      for item in section.items {
        size +=
          element
          + bytes(
            item.subhead, item.subheadTitleCase, item.blurb, item.publicationNumber, item.kindText, item.dateText, item.assignee,
            item.topicsText,
            item.link, item.contextText)
      }
    }
    for followUp in followUps {
      size +=
        element
        + bytes(
          followUp.company, followUp.subhead, followUp.publicationNumber, followUp.dateText, followUp.link,
          followUp.featuredWeekText, followUp.featuredPublicationNumber, followUp.featuredLink)
    }
    for group in restOfWeek {
      size += element + bytes(group.company)
      for entry in group.entries {
        size += element + bytes(entry.publicationNumber, entry.title, entry.link, entry.featuredWeekText ?? "")
      }
    }
    for count in numbers.perCompany + topTopics {
      size += element + bytes(count.name, count.trendText, count.averageText)
      if let chart = count.chart { size += (1 + chart.bars.count) * element + bytes(chart.sparkline, chart.label) }
    }
    self.size = size
  }

  /// "2.25", "3": a four-week average to at most two places (quarters are exact).
  static func average(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let whole = "\(hundredths / 100)"
    switch hundredths % 100 {
    case 0: return whole
    case let part where part % 10 == 0: return whole + ".\(part / 10)"
    case let part: return whole + (part < 10 ? ".0\(part)" : ".\(part)")
    }
  }

  /// "Meta", "Meta and Microsoft", "Amazon, Meta and Microsoft".
  static func list(_ names: [String]) -> String {
    switch names.count {
    case 0: return ""
    case 1: return names[0]
    default: return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
  }
}

extension DraftView.Count {
  init(_ count: ByTheNumbers.Count) {
    name = count.name
    self.count = count.count
    hasTrend = count.trend != nil
    averageText = count.trend.map { DraftView.average($0.average) } ?? ""
    switch count.trend?.direction {
    case .up?: trendText = "up from a four-week average of \(averageText)"
    case .down?: trendText = "down from a four-week average of \(averageText)"
    case .same?: trendText = "the same as its four-week average"
    case nil: trendText = ""
    }
    chart = count.recentWeeks.map { DraftView.Chart(company: count.name, weeks: $0) }
  }
}

// What each name in a template means. The lookups are written out (not found by reflection), so
// the template vocabulary is in one place and every lookup passes through `RenderBudget`.

extension DraftView: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "headline": return headline
    case "dek": return dek
    case "weekOfText": return weekOfText
    case "intro": return intro
    case "sections": return sections
    case "hasCompaniesWithoutItems": return hasCompaniesWithoutItems
    case "companiesWithoutItemsText": return companiesWithoutItemsText
    case "hasFollowUps": return hasFollowUps
    case "followUps": return followUps
    case "hasRestOfWeek": return hasRestOfWeek
    case "restOfWeek": return restOfWeek
    case "numbers": return numbers
    case "hasTopTopics": return hasTopTopics
    case "topTopicsText": return topTopicsText
    case "topTopics": return topTopics
    case "hasTrends": return hasTrends
    case "hasCharts": return hasCharts
    default: return nil
    }
  }
  var text: String { headline }
}

extension DraftView.Item: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "subhead": return subhead
    case "subheadTitleCase": return subheadTitleCase
    case "blurb": return blurb
    case "publicationNumber": return publicationNumber
    case "kindText": return kindText
    case "dateText": return dateText
    case "assignee": return assignee
    case "period": return period
    case "hasTopics": return hasTopics
    case "topicsText": return topicsText
    // A filing whose number is not of the expected shape has no link (`PatentRecord.publicPageLink`).
    case "link": return link.isEmpty ? nil : link
    case "isLead": return isLead
    case "hasContext": return hasContext
    case "contextText": return contextText
    default: return nil
    }
  }
  var text: String { subhead }
}

extension DraftView.Section: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "company": return company
    case "items": return items
    default: return nil
    }
  }
  var text: String { company }
}

extension DraftView.Entry: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "publicationNumber": return publicationNumber
    case "title": return title
    case "link": return link.isEmpty ? nil : link
    case "featuredWeekText": return featuredWeekText
    default: return nil
    }
  }
  var text: String { title }
}

extension DraftView.FollowUp: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "company": return company
    case "subhead": return subhead
    case "publicationNumber": return publicationNumber
    case "dateText": return dateText
    case "link": return link.isEmpty ? nil : link
    case "featuredWeekText": return featuredWeekText
    case "featuredPublicationNumber": return featuredPublicationNumber
    case "featuredLink": return featuredLink.isEmpty ? nil : featuredLink
    default: return nil
    }
  }
  var text: String { subhead }
}

extension DraftView.Group: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "company": return company
    case "entries": return entries
    default: return nil
    }
  }
  var text: String { company }
}

extension DraftView.Count: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "name": return name
    case "count": return count
    case "hasTrend": return hasTrend
    case "trendText": return trendText
    case "averageText": return averageText
    case "chart": return chart
    default: return nil
    }
  }
  var text: String { "\(name): \(count)" }
}

extension DraftView.Chart: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "width": return width
    case "height": return height
    case "bars": return bars
    case "sparkline": return sparkline
    case "label": return label
    default: return nil
    }
  }
  var text: String { sparkline }
}

extension DraftView.Chart.Bar: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "x": return x
    case "y": return y
    case "width": return width
    case "height": return height
    case "isThisWeek": return isThisWeek
    default: return nil
    }
  }
  var text: String { "\(height)" }
}

extension DraftView.Numbers: TemplateFields {
  func field(_ key: String) -> Any? {
    switch key {
    case "documents": return documents
    case "applications": return applications
    case "grants": return grants
    case "perCompany": return perCompany
    default: return nil
    }
  }
  var text: String { "\(documents)" }
}
