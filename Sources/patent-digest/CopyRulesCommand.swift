import ArgumentParser
import PatentDigest

struct CopyRulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "copyrules",
    abstract: "Print the built-in copy rules (boilerplate families, hedges, lexicon), to start your own; or check one.",
    discussion: """
      patent-digest copyrules > my-copyrules.yaml      # the built-in rules, to read
      patent-digest copyrules --check my-copyrules.yaml
      patent-digest build --copy-rules my-copyrules.yaml FEED...

      Your file adds to the built-in rules (`base: default`): list only what you add, or a \
      lexicon entry whose `from` replaces a built-in one. With `base: none` it replaces them.
      """
  )

  @Option(help: ArgumentHelp("Check this copy rules file and summarise it instead of printing the default.", valueName: "FILE"))
  var check: String?

  func run() throws {
    guard let check else {
      var output = FileDescriptorSink.standardOutput
      try output.write(Array(CopyRules.defaultText.utf8))
      try output.flush()
      return
    }
    let rules = try CommandFailure.reporting {
      do throws(CopyRulesError) {
        return try CopyRules(contentsOfFile: check)
      } catch {
        throw CommandFailure.job(.copyRules(error))
      }
    }
    var stream = StandardOutput()
    print(
      "\(check): \(rules.announcements.count) announcements, \(rules.hedges.count) hedges, \(rules.claimForms.count) claim forms, "
        + "\(rules.lexicon.count) lexicon entries, \(rules.readerWords.count) reader words, \(rules.plumbingWords.count) plumbing words",
      to: &stream)
  }
}
