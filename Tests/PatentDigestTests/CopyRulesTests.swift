import Foundation
import PatentDigestTestSupport
import Testing

@testable import PatentDigest

@Suite("Copy rules: boilerplate, hedges and the lexicon")
struct CopyRulesTests {
  let rules = CopyRules.default

  @Test(
    "an announcement is recognised and its subject kept",
    arguments: [
      (
        "Systems and methods for personality consistent automated chatting are provided.",
        "personality consistent automated chatting"
      ),
      (
        "Systems and methods are provided for efficiently controlling energy-consuming systems.",
        "efficiently controlling energy-consuming systems"
      ),
      (
        "Methods, systems, and apparatus, including computer programs encoded on computer storage media, for training machine learning systems.",
        "training machine learning systems"
      ),
      (
        "Techniques for providing remote access to application content are described herein.",
        "providing remote access to application content"
      ),
      ("Techniques are disclosed relating to secure messaging.", "secure messaging"),
      ("Aspects of the subject technology relate to audio devices.", "audio devices"),
      ("The present disclosure relates generally to drones.", "drones"),
      (
        "Examples of the present disclosure describe systems and methods of ranking posts.",
        "systems and methods of ranking posts"
      ),
      ("Embodiments described herein relate to hinges.", "hinges"),
      ("A formula abstraction system is described.", "A formula abstraction system"),
    ])
  func announcement(sentence: String, subject: String) {
    #expect(rules.announcedSubject(sentence) == subject)
  }

  @Test("a sentence that says something is not an announcement")
  func notAnnouncement() {
    #expect(rules.announcedSubject("A device detects a wakeword in audio data.") == nil)
    #expect(rules.announcedSubject("The drone drops the package in the yard.") == nil)
  }

  @Test("hedges come off the front of a sentence")
  func hedges() {
    #expect(rules.removingHedges("In some embodiments, the ring reads a pulse.") == "the ring reads a pulse.")
    #expect(rules.removingHedges("In one example, a method includes receiving speech.") == "a method includes receiving speech.")
    #expect(rules.removingHedges("According to examples, a system is described.") == "a system is described.")
    #expect(rules.removingHedges("The ring reads a pulse.") == "The ring reads a pulse.")
  }

  @Test("the lexicon swaps patent words, drops a defined acronym and replaces its later uses")
  func lexicon() {
    let text = "An unmanned aerial vehicle (UAV) lands. The UAV uses a head-mounted display and a plurality of computing devices."
    let acronyms = rules.acronymReplacements(in: text)
    #expect(rules.applyingLexicon(text, acronyms: acronyms) == "A drone lands. The drone uses a headset and many devices.")
  }
}

@Suite("Copy rules files")
struct CopyRulesFileTests {
  @Test("the built-in copy rules are the project's copyrules.yaml (run scripts/embed-defaults after editing it)")
  func builtInMatchesFile() throws {
    let file = try String(
      contentsOfFile: FeedTestSupport.packageRoot.appendingPathComponent("copyrules.yaml").path, encoding: .utf8)
    #expect(CopyRules.defaultText == file)
    #expect(CopyRules.default.lexicon.count > 50)
  }

  @Test("an editor's file adds to the built-in rules and overrides a lexicon entry; `base: none` replaces them")
  func extendAndOverride() throws {
    let path = try FeedTestSupport.temporaryFile(
      """
      lexicon:
        - {from: unmanned aerial vehicle, to: flying robot}
        - {from: smart speaker, to: speaker}
      hedges:
        - "as will be appreciated"
      """, name: "copyrules.yaml")
    let rules = try CopyRules(contentsOfFile: path)
    #expect(rules.applyingLexicon("An unmanned aerial vehicle and a smart speaker.") == "A flying robot and a speaker.")
    #expect(rules.applyingLexicon("A head-mounted display.") == "A headset.")  // the built-in entries stay
    #expect(rules.removingHedges("As will be appreciated, the ring glows.") == "the ring glows.")
    #expect(rules.removingHedges("In some embodiments, the ring glows.") == "the ring glows.")

    let alone = try CopyRules(
      yaml: "base: none\nlexicon:\n  - {from: smart speaker, to: speaker}\n", file: "alone.yaml", base: .default)
    #expect(alone.applyingLexicon("A head-mounted display.") == "A head-mounted display.")
    #expect(alone.announcements.isEmpty)
  }

  @Test(
    "a mistake names its file and line, on one line",
    arguments: [
      ("lexicon:\n  - {from: drone}\n", "copyrules.yaml:2: a lexicon entry needs `to`"),
      ("lexicon:\n  - {from: a, to: b}\n  - {from: A, to: c}\n", "copyrules.yaml:3: the lexicon lists 'A' twice"),
      ("hedges:\n  - \"(in some\"\n", "copyrules.yaml:2: the pattern '(in some' leaves a bracket open"),
      ("announcements:\n  - \"{kinds} for {subject} and {subject}\"\n", "copyrules.yaml:2: the pattern"),
      ("base: maybe\n", "copyrules.yaml:1: `base` must be `default`"),
      ("lexicon: [\n", "copyrules.yaml:"),
      ("colour: blue\n", "copyrules.yaml:1: the copy rules has an unknown key 'colour'"),
    ])
  func mistakes(text: String, message: String) throws {
    let path = try FeedTestSupport.temporaryFile(text, name: "copyrules.yaml")
    #expect {
      try CopyRules(contentsOfFile: path)
    } throws: { error in
      let description = "\(error)"
      return description.contains(message) && !description.contains("\n")
    }
  }

  @Test("`build --copy-rules` uses the file; a broken one stops the build with exit code 2 and one line")
  func throughBuild() throws {
    let rules = try FeedTestSupport.temporaryFile("lexicon:\n  - {from: wearable, to: gadget}\n", name: "copyrules.yaml")
    let built = try BinaryRunner.run(["build", "--quiet", "--copy-rules", rules, TestPaths.sample("ipa261126.zip")])
    #expect(built.status == 0)
    #expect(built.standardOutput.contains("gadget"))
    let broken = try FeedTestSupport.temporaryFile("lexicon:\n  - {from: drone}\n", name: "copyrules.yaml")
    let failed = try BinaryRunner.run(["build", "--copy-rules", broken, TestPaths.sample("ipa261126.zip")])
    #expect(failed.status == 2)
    #expect(failed.standardError == "patent-digest: \(broken):2: a lexicon entry needs `to` (the everyday words, or \"\")\n")
    let printed = try BinaryRunner.run(["copyrules"])
    #expect(printed.status == 0 && printed.standardOutput == CopyRules.defaultText)
    let checked = try BinaryRunner.run(["copyrules", "--check", rules])
    #expect(checked.status == 0 && checked.standardOutput.contains("lexicon entries"))
  }
}
