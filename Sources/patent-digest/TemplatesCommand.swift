import ArgumentParser
import PatentDigest

struct TemplatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "templates",
    abstract: "Write the built-in templates to a folder, to start an editor's own set.",
    discussion: "Then pass the folder to `build --templates DIR`. Existing files are not overwritten."
  )

  @Option(
    help: ArgumentHelp("Folder to write draft.md.mustache, draft.html.mustache and draft.txt.mustache to.", valueName: "DIR"))
  var out: String

  func run() throws {
    try CommandFailure.reporting { try writeTemplates() }
  }

  private func writeTemplates() throws(CommandFailure) {
    do throws(OutputError) {
      try AtomicFile.makeFolder(out)
      for (name, text) in DraftRenderer.builtInFiles.sorted(by: { $0.key < $1.key }) {
        let path = "\(out)/\(name)"
        if try AtomicFile.create(Array(text.utf8), at: path) {
          StandardError.print("wrote \(path)")
        } else {
          StandardError.print("\(path) exists; left as it is")
        }
      }
    } catch {
      throw .output(error)
    }
  }
}
