import Foundation
import PatentDigest
import Testing

/// The pre-2005 formats on invented filings written to their DTDs' structure: what the corpus's
/// real documents do not show (an ST.32 utility grant with an abstract and IPC, a pap assignee,
/// a continuation), and a back file's watched company found in one.
@Suite("Pre-2005 formats")
struct LegacyFormatTests {
  /// An ST.32 v2.5 utility grant (invented).
  static let st32Grant = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE PATDOC SYSTEM "ST32-US-Grant-025xml.dtd" [
    <!ENTITY US06400001-20020604-D00001.TIF SYSTEM "US06400001-20020604-D00001.TIF" NDATA TIF>
    ]>
    <PATDOC DTD="2.5" STATUS="Build 20020101">
    <SDOBI>
    <B100><B110><DNUM><PDAT>06400001</PDAT></DNUM></B110><B130><PDAT>B1</PDAT></B130>
    <B140><DATE><PDAT>20020604</PDAT></DATE></B140><B190><PDAT>US</PDAT></B190></B100>
    <B200><B210><DNUM><PDAT>09512345</PDAT></DNUM></B210><B211US><PDAT>09</PDAT></B211US>
    <B220><DATE><PDAT>20000224</PDAT></DATE></B220></B200>
    <B500><B510><B511><PDAT>G06F 1730</PDAT></B511><B512><PDAT>G06F 1516</PDAT></B512><B516><PDAT>7</PDAT></B516></B510>
    <B520><B521><PDAT>707003</PDAT></B521></B520>
    <B540><STEXT><PDAT>Ranking search results by the links between documents</PDAT></STEXT></B540></B500>
    <B600><B630><B631><PARENT-US><CDOC><DOC><DNUM><PDAT>09512345</PDAT></DNUM></DOC></CDOC>
    <PDOC><DOC><DNUM><PDAT>09004321</PDAT></DNUM><DATE><PDAT>19980108</PDAT></DATE></DOC></PDOC></PARENT-US></B631></B630></B600>
    <B700><B720><B721><PARTY-US><NAM><FNM><PDAT>Ada</PDAT></FNM><SNM><STEXT><PDAT>Example</PDAT></STEXT></SNM></NAM>
    <ADR><CITY><PDAT>Stanford</PDAT></CITY><STATE><PDAT>CA</PDAT></STATE></ADR></PARTY-US></B721></B720>
    <B730><B731><PARTY-US><NAM><ONM><STEXT><PDAT>Google Inc.</PDAT></STEXT></ONM></NAM>
    <ADR><CITY><PDAT>Mountain View</PDAT></CITY><STATE><PDAT>CA</PDAT></STATE></ADR></PARTY-US></B731>
    <B732US><PDAT>02</PDAT></B732US></B730></B700>
    </SDOBI>
    <SDOAB><BTEXT><PARA ID="P-00001" LVL="0"><PTEXT><PDAT>Documents are ranked by the links pointing to them,
    each link weighted by the rank of the document it comes from (&agr; &lt; 1).</PDAT></PTEXT></PARA></BTEXT></SDOAB>
    <SDODE><H LVL="1"><STEXT><PDAT>BACKGROUND</PDAT></STEXT></H><BTEXT><PARA ID="P-00002"><PTEXT><PDAT>Search.</PDAT></PTEXT></PARA></BTEXT></SDODE>
    <SDOCL><H LVL="1"><STEXT><PDAT>What is claimed is:</PDAT></STEXT></H><CL>
    <CLM ID="CLM-00001"><PARA ID="P-00003" LVL="0"><PTEXT><PDAT>1. A method of ranking documents, comprising:</PDAT></PTEXT></PARA>
    <CLMSTEP LVL="2"><PTEXT><PDAT>counting the links to each document; and</PDAT></PTEXT></CLMSTEP>
    <CLMSTEP LVL="2"><PTEXT><PDAT>weighting each link by the rank of its source.</PDAT></PTEXT></CLMSTEP></CLM>
    <CLM ID="CLM-00002"><PARA ID="P-00004" LVL="0"><PTEXT><PDAT>2. The method of claim 1.</PDAT></PTEXT></PARA></CLM>
    </CL></SDOCL>
    </PATDOC>

    """

  /// A pap v1.6 application with an assignee and a continuation (invented).
  static let papApplication = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE patent-application-publication SYSTEM "pap-v16-2002-01-01.dtd" [
    <!ENTITY US20030000001A1-20030102-D00001.TIF SYSTEM "US20030000001A1-20030102-D00001.TIF" NDATA TIF>
    ]>
    <patent-application-publication>
    <subdoc-bibliographic-information>
    <document-id><doc-number>20030000001</doc-number><kind-code>A1</kind-code><document-date>20030102</document-date></document-id>
    <publication-filing-type>new-utility</publication-filing-type>
    <domestic-filing-data><application-number><doc-number>10123456</doc-number></application-number>
    <application-number-series-code>10</application-number-series-code><filing-date>20020615</filing-date></domestic-filing-data>
    <technical-information>
    <classification-ipc><classification-ipc-primary><ipc>G06F003/00</ipc></classification-ipc-primary>
    <classification-ipc-secondary><ipc>G09G005/00</ipc></classification-ipc-secondary><classification-ipc-edition>07</classification-ipc-edition></classification-ipc>
    <title-of-invention>Pen input for a <highlight level="1">tablet</highlight> computer</title-of-invention>
    </technical-information>
    <continuity-data><continuations><continuation-of><parent-child><child><document-id><doc-number>10123456</doc-number>
    </document-id></child><parent><document-id><doc-number>09876543</doc-number><document-date>20000301</document-date></document-id></parent>
    <parent-status>PENDING</parent-status></parent-child></continuation-of></continuations></continuity-data>
    <inventors><first-named-inventor><name><given-name>Grace</given-name><middle-name>B.</middle-name><family-name>Sample</family-name></name>
    <residence><residence-us><city>Redmond</city><state>WA</state><country-code>US</country-code></residence-us></residence>
    <authority-applicant>INV</authority-applicant></first-named-inventor></inventors>
    <assignee><organization-name>Microsoft Corporation</organization-name><address><city>Redmond</city><state>WA</state></address>
    <assignee-type>02</assignee-type></assignee>
    </subdoc-bibliographic-information>
    <subdoc-abstract><paragraph id="A-0001" lvl="0">A tablet computer takes handwriting from a pen and turns it into text &mdash; in any field that accepts typing.</paragraph></subdoc-abstract>
    <subdoc-description><summary-of-invention><paragraph id="P-0001" lvl="0">Tablets.</paragraph></summary-of-invention></subdoc-description>
    <subdoc-claims><heading lvl="1">What is claimed is:</heading>
    <claim id="CLM-00001"><claim-text>1. A computer comprising: <claim-text>a screen that senses a pen; and</claim-text>
    <claim-text>a recognizer that turns strokes into text.</claim-text></claim-text></claim>
    <claim id="CLM-00002"><claim-text>2. The computer of <dependent-claim-reference depends_on="CLM-00001">claim 1</dependent-claim-reference>.</claim-text></claim>
    </subdoc-claims>
    </patent-application-publication>

    """

  @Test("an ST.32 utility grant: abstract with a Greek entity, IPC as printed, stepped first claim, continuation")
  func st32UtilityGrant() throws {
    let result = try FeedTestSupport.read(feed: Self.st32Grant)
    #expect(result.failures.isEmpty, "\(result.failures)")
    let record = try #require(result.records.first)
    #expect(record.publicationNumber == "US06400001B1" && record.type == .grant && record.applicationType == "utility")
    #expect(record.publicationDate == "2002-06-04" && record.filingDate == "2000-02-24" && record.applicationNumber == "09512345")
    #expect(record.title == "Ranking search results by the links between documents")
    #expect(
      record.abstract
        == "Documents are ranked by the links pointing to them, each link weighted by the rank of the document it comes from (α < 1)."
    )
    #expect(record.ipc == [Classification(symbol: "G06F 1730", main: true), Classification(symbol: "G06F 1516", main: false)])
    #expect(record.relatedDocuments == ["continuation"])
    #expect(record.inventors.map(\.name) == ["Ada Example"])
    #expect(record.assignees.map(\.name) == ["Google Inc."] && record.assignees.first?.role == "02")
    #expect(record.claimCount == 2)
    #expect(
      record.firstClaim
        == "1. A method of ranking documents, comprising: counting the links to each document; and weighting each link by the rank of its source."
    )
  }

  @Test("a pap v1.6 application: assignee, middle name, secondary IPC, continuation, nested claim text")
  func papApplicationWithAssignee() throws {
    let result = try FeedTestSupport.read(feed: Self.papApplication)
    #expect(result.failures.isEmpty, "\(result.failures)")
    let record = try #require(result.records.first)
    #expect(record.publicationNumber == "US20030000001A1" && record.type == .application && record.applicationType == "utility")
    #expect(record.title == "Pen input for a tablet computer")
    #expect(record.ipc == [Classification(symbol: "G06F 3/00", main: true), Classification(symbol: "G09G 5/00", main: false)])
    #expect(record.relatedDocuments == ["continuation"])
    #expect(
      record.inventors == [
        Party(
          name: "Grace B. Sample", kind: .person, firstName: "Grace", lastName: "Sample", city: "Redmond", state: "WA",
          country: "US")
      ])
    #expect(
      record.assignees == [
        Party(
          name: "Microsoft Corporation", kind: .organization, organization: "Microsoft Corporation", role: "02", city: "Redmond",
          state: "WA")
      ])
    #expect(
      record.abstract
        == "A tablet computer takes handwriting from a pen and turns it into text — in any field that accepts typing.")
    #expect(record.claimCount == 2)
    #expect(
      record.firstClaim == "1. A computer comprising: a screen that senses a pen; and a recognizer that turns strokes into text.")
    #expect(record.dtdVersion == "pap-v16-2002-01-01.dtd")
  }

  @Test("a back file mixing formats: each document read by its own format, watched companies found in the old ones")
  func mixedBackFile() throws {
    var current = ApplicationDocument()
    current.number = "20260000009"
    let feed = Self.papApplication + current.text + Self.st32Grant
    let result = try FeedTestSupport.read(feed: feed)
    #expect(result.failures.isEmpty, "\(result.failures)")
    #expect(result.records.map(\.publicationNumber) == ["US20030000001A1", "US20260000009A1", "US06400001B1"])
    let classifier = Classifier(watchList: .default)
    #expect(result.records.map { classifier.classify($0).companies } == [["Microsoft"], [], ["Alphabet"]])
  }
}
