import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// Everything one read of some feeds produced, in feed order.
struct FeedReadResult {
  var records: [PatentRecord] = []
  var failures: [DocumentFailure] = []
  var inputErrors: [FeedInputError] = []
  var summary = FeedSummary()

  func record(_ number: String) -> PatentRecord? {
    records.first { $0.publicationNumber == number }
  }
}

enum FeedTestSupport {
  /// The package root.
  static let packageRoot: URL = TestPaths.packageRoot

  /// The shared corpus of real USPTO documents (`../shared/corpus/uspto`).
  static let corpus: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/uspto")

  /// Whether the corpus is beside the clone, as in the project's workspace and CI. A clone on its
  /// own skips the tests that read it, and says why.
  static let corpusAvailable = FileManager.default.fileExists(atPath: corpus.path)
  static let corpusMissing: Comment = "needs the shared corpus at ../shared/corpus/uspto, beside the clone"

  /// How long a hostile input may take before the test calls it a hang. It is no speed claim
  /// (each attack takes under 2 s in a debug build, and `make bench` measures speed): it sits far
  /// above that, for a CI machine whose two cores run every suite at once, and far below what the
  /// attack would take if it worked (minutes for an inflated zip bomb, never for billion laughs).
  static let hangLimit: Duration = .seconds(60)

  static func corpusFile(_ relativePath: String) -> String {
    corpus.appendingPathComponent(relativePath).path
  }

  static func sample(_ name: String) -> String {
    packageRoot.appendingPathComponent("Samples").appendingPathComponent(name).path
  }

  static func fixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("Tests/PatentDigestTests/Fixtures").appendingPathComponent(name).path
  }

  static func read(_ paths: [String], options: FeedReaderOptions = FeedReaderOptions()) throws -> FeedReadResult {
    var result = FeedReadResult()
    result.summary = try FeedReader(options: options).read(paths.map(FeedInput.file), transform: { $0 }) { event in
      switch event {
      case .record(let record): result.records.append(record)
      case .documentFailed(let failure): result.failures.append(failure)
      case .inputFailed(let error): result.inputErrors.append(error)
      }
    }
    return result
  }

  static func read(_ path: String, options: FeedReaderOptions = FeedReaderOptions()) throws -> FeedReadResult {
    try read([path], options: options)
  }

  /// Writes `contents` to a new temporary file and returns its path.
  static func temporaryFile(_ contents: [UInt8], name: String = "feed.xml") throws -> String {
    let file = try TestPaths.newTemporaryFolder("patent-digest-tests").appendingPathComponent(name)
    try Data(contents).write(to: file)
    return file.path
  }

  static func temporaryFile(_ contents: String, name: String = "feed.xml") throws -> String {
    try temporaryFile(Array(contents.utf8), name: name)
  }

  /// Reads a feed given as text.
  static func read(feed: String, options: FeedReaderOptions = FeedReaderOptions()) throws -> FeedReadResult {
    try read(temporaryFile(feed), options: options)
  }
}

/// Builds small, valid ICE v4.5 application documents to cut and break in tests.
struct ApplicationDocument {
  var number = "20260000001"
  var title = "Folding display hinge"
  var abstract = "<p id=\"p-0001\" num=\"0000\">A hinge lets a display fold flat.</p>"
  var description = "<p id=\"p-0002\" num=\"0001\">The hinge has <b>two</b> arms.</p>"
  var claims =
    "<claim id=\"CLM-00001\" num=\"00001\"><claim-text>1. A hinge comprising:<claim-text>a first arm; and</claim-text><claim-text>a second arm.</claim-text></claim-text></claim>"
  var doctype = "<!DOCTYPE us-patent-application SYSTEM \"us-patent-application-v45-2021-08-30.dtd\" [ ]>"
  var assignee = "Example Devices Inc."
  /// More bibliographic elements (classifications, say), placed before the title.
  var bibliographicExtra = ""

  var text: String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    \(doctype)
    <us-patent-application lang="EN" dtd-version="v4.5 2021-08-30" file="US\(number)A1-20261126.XML" status="PRODUCTION" id="us-patent-application" country="US" date-produced="20261111" date-publ="20261126">
    <us-bibliographic-data-application lang="EN" country="US">
    <publication-reference>
    <document-id>
    <country>US</country>
    <doc-number>\(number)</doc-number>
    <kind>A1</kind>
    <date>20261126</date>
    </document-id>
    </publication-reference>
    <application-reference appl-type="utility">
    <document-id>
    <country>US</country>
    <doc-number>18123456</doc-number>
    <date>20250301</date>
    </document-id>
    </application-reference>
    \(bibliographicExtra)<invention-title id="d2e43">\(title)</invention-title>
    <assignees>
    <assignee>
    <addressbook>
    <orgname>\(assignee)</orgname>
    <role>02</role>
    <address>
    <city>Springfield</city>
    <state>IL</state>
    <country>US</country>
    </address>
    </addressbook>
    </assignee>
    </assignees>
    </us-bibliographic-data-application>
    <abstract id="abstract">
    \(abstract)
    </abstract>
    <description id="description">
    \(description)
    </description>
    <claims id="claims">
    \(claims)
    </claims>
    </us-patent-application>

    """
  }
}
