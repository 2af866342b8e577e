// libFuzzer harness over the template renderer: any bytes, as an editor's Markdown template,
// rendered with a fixed draft. Build and run with `scripts/fuzz template-renderer`.
import PatentDigest

private let draft: Draft = {
  let item = DraftItem(
    subhead: "A <b>subhead</b> with {{braces}}", blurb: "A blurb ](javascript:alert(1)) # not a heading.",
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
  // SwiftPM renames an executable's entry point to `<product>_main` and points `main` at it, so
  // libFuzzer's own `main` never runs: start libFuzzer's driver from that entry point instead.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
  ) -> CInt

  @_cdecl("FuzzTemplateRenderer_main")
  func fuzzerEntryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzTemplateRenderer(data, size) }
  }
#else
  /// Built without the fuzzer (as `swift build` does), the harness only says how to run it;
  /// with it, libFuzzer supplies `main`.
  @main
  enum Harness {
    static func main() {
      print("This is a libFuzzer harness: run it with scripts/fuzz.")
    }
  }
#endif
