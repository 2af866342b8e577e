// libFuzzer harness over the template renderer: any bytes, as an editor's Markdown template,
// rendered with a fixed draft. Build and run with `scripts/fuzz template-renderer`.
import FuzzSupport
import PatentDigest

private let draft: Draft = {
  let item = DraftItem(
    subhead: "A <b>subhead</b> with {{braces}}", blurb: "A blurb ](javascript:alert(1)) # not a heading.",
    blurbSentences: [.init(text: "A blurb ](javascript:alert(1)) # not a heading.", source: nil)],
    publicationNumber: "US20260000001A1", publicationDate: "2026-11-26", type: .application, applicationType: "utility",
    company: "Alphabet", assignee: "Google LLC", topics: ["wearables"],
    link: "https://patents.google.com/patent/US20260000001A1/en",
    score: 5, scoreReasons: ["+2 consumer topic: wearables"], title: "A subhead")
  return Draft(
    weekOf: "2026-11-26", weekOfText: "November 26, 2026", headline: "Google wants to <script>", dek: "Also this week: more.",
    intro: ["One.", "Two."], lead: item, sections: [DraftSection(company: "Alphabet", items: [item])],
    companiesWithoutItems: ["Meta"],
    restOfWeek: [RestOfWeekGroup(company: "Alphabet", entries: [.init(publicationNumber: "US1", title: "T", link: "L")])],
    byTheNumbers: ByTheNumbers(
      documents: 1, applications: 1, grants: 0, perCompany: [.init(name: "Alphabet", count: 1)], perTopic: []))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplateRenderer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  // Only the fuzzed template is parsed: the built-in ones are tested elsewhere, and parsing them
  // on every input would spend most of the run on the same bytes.
  if let renderer = try? DraftRenderer(templates: ["draft.md.mustache": text], source: "fuzz") {
    _ = try? renderer.render(draft, as: .markdown)
  }
  return 0
}

#if FUZZING
  @_cdecl("FuzzTemplateRenderer_main")
  func fuzzerEntryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTemplateRenderer(data, size) }
  }
#else
  @main
  enum Harness {
    static func main() { explainHarness() }
  }
#endif
