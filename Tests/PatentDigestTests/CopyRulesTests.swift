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
    #expect(rules.applyingLexicon(text, acronyms: acronyms) == "A drone lands. The drone uses a headset and several devices.")
  }
}
