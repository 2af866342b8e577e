import ArgumentParser
import PatentDigest

/// `--copy-rules FILE`, shared by the commands that write the column's copy.
struct CopyRulesOption: ParsableArguments {
  @Option(
    name: .customLong("copy-rules"),
    help: ArgumentHelp(
      "Copy rules file (YAML): boilerplate the blurbs drop and the lexicon of everyday words; it adds to the built-in rules "
        + "(print them with `patent-digest copyrules`).", valueName: "FILE"))
  var path: String?
}
