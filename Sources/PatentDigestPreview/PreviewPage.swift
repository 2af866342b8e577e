import PatentDigest

/// The editor's page: the controls around the draft, never inside it. All text from the feed or
/// the edits is HTML-escaped here.
enum PreviewPage {
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  static func page(draft: Draft, status: PreviewSession.Status, token: String, panel: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="patent-digest-token" content="\(escape(token))">
    <title>patent-digest preview: \(escape(draft.weekOfText))</title>
    <link rel="stylesheet" href="/assets/preview.css">
    </head>
    <body data-version="\(status.version)">
    <header><strong>patent-digest preview</strong> <span>week of \(escape(draft.weekOfText))</span> <span id="status">up to date</span></header>
    <div id="problem" class="problem"\(status.problem == nil ? " hidden" : "")>\(escape(status.problem ?? ""))</div>
    <main>
    <section id="panel" aria-label="Editing controls">
    \(panel)
    </section>
    <section id="views" aria-label="The draft">
    <nav>
    <button type="button" class="tab active" data-view="html">Preview</button>
    <button type="button" class="tab" data-view="markdown">Markdown</button>
    <button type="button" class="tab" data-view="text">Text</button>
    <button type="button" class="tab" data-view="json">JSON</button>
    <button type="button" id="copy">Copy</button>
    </nav>
    <iframe id="preview" title="The draft as readers see it" src="/draft?format=html" sandbox="allow-same-origin"></iframe>
    <pre id="source" hidden></pre>
    </section>
    </main>
    <script src="/assets/preview.js"></script>
    </body>
    </html>

    """
  }

  /// The blurb sentence by sentence; pointing at one (or focusing it) shows the words of the
  /// filing it was written from, so a claim can be checked at a glance.
  static func sources(of item: DraftItem) -> String {
    guard !item.blurbSentences.isEmpty else { return "" }
    var html = "<ol class=\"sources\" aria-label=\"Where each sentence of the blurb comes from\">\n"
    for sentence in item.blurbSentences {
      let origin: String
      switch sentence.source {
      case nil: origin = "Written by an editor"
      case .some(let source) where source.part == .title: origin = "From the title: \u{201C}\(source.text)\u{201D}"
      case .some(let source):
        origin = "From the abstract, sentence \(source.sentence.map(String.init) ?? "?"): \u{201C}\(source.text)\u{201D}"
      }
      html += "<li tabindex=\"0\" title=\"\(escape(origin))\"><span class=\"sentence\">\(escape(sentence.text))</span>"
      html += "<span class=\"source\">\(escape(origin))</span></li>\n"
    }
    return html + "</ol>\n"
  }

  static func panel(draft: Draft, status: PreviewSession.Status) -> String {
    var html = ""
    func field(_ label: String, _ name: String, _ value: String, number: String? = nil, multiline: Bool = false) {
      let numberAttribute = number.map { " data-number=\"\(escape($0))\"" } ?? ""
      html += "<label class=\"field\"><span>\(escape(label))</span>"
      if multiline {
        html += "<textarea data-field=\"\(name)\"\(numberAttribute) rows=\"5\">\(escape(value))</textarea>"
      } else {
        html += "<input type=\"text\" data-field=\"\(name)\"\(numberAttribute) value=\"\(escape(value))\">"
      }
      html += "</label>\n"
    }
    html += "<h2>The top</h2>\n"
    field("Headline", "headline", draft.headline)
    field("Dek", "dek", draft.dek)
    field("Intro (blank line between paragraphs)", "intro", draft.intro.joined(separator: "\n\n"), multiline: true)
    for section in draft.sections {
      html += "<h2>\(escape(section.company))</h2>\n"
      for (index, item) in section.items.enumerated() {
        let number = escape(item.publicationNumber)
        let isLead = item.publicationNumber == draft.lead?.publicationNumber
        html += "<div class=\"item\" data-number=\"\(number)\">\n"
        html += "<p class=\"meta\"><a href=\"\(escape(item.link))\" target=\"_blank\" rel=\"noopener noreferrer\">\(number)</a>"
        html += isLead ? " <span class=\"badge\">lead</span>" : ""
        html += " score \(item.score)</p>\n"
        // What the history says of it, with the query, so an editor can weigh the claim.
        for line in item.context {
          html += "<p class=\"meta context\" title=\"\(escape(line.query.rawValue))\">\(escape(line.text))</p>\n"
        }
        field("Subhead", "subhead", item.subhead, number: item.publicationNumber)
        field("Blurb", "blurb", item.blurb, number: item.publicationNumber, multiline: true)
        html += sources(of: item)
        html += "<p class=\"actions\">"
        if !isLead { html += "<button type=\"button\" data-action=\"lead\" data-number=\"\(number)\">Make lead</button> " }
        html += "<button type=\"button\" data-action=\"drop\" data-number=\"\(number)\">Drop</button> "
        if index > 0 {
          html +=
            "<button type=\"button\" data-action=\"move\" data-number=\"\(number)\" data-position=\"\(index)\">Move up</button> "
        }
        if index < section.items.count - 1 {
          html +=
            "<button type=\"button\" data-action=\"move\" data-number=\"\(number)\" data-position=\"\(index + 2)\">Move down</button>"
        }
        html += "</p>\n</div>\n"
      }
    }
    if !draft.restOfWeek.isEmpty {
      html += "<h2>The rest of the week</h2>\n<ul class=\"rest\">\n"
      for group in draft.restOfWeek {
        for entry in group.entries {
          html +=
            "<li><button type=\"button\" data-action=\"add\" data-number=\"\(escape(entry.publicationNumber))\">Add</button> "
          html += "\(escape(group.company)): \(escape(entry.publicationNumber)) \(escape(entry.title))</li>\n"
        }
      }
      html += "</ul>\n"
    }
    if !status.editProblems.isEmpty {
      html += "<h2>Edits not applied</h2>\n<ul class=\"problems\">\n"
      for problem in status.editProblems { html += "<li>\(escape(problem))</li>\n" }
      html += "</ul>\n"
    }
    html += "<p><button type=\"button\" data-action=\"reset\">Forget every edit</button></p>\n"
    return html
  }
}
