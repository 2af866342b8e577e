import ArgumentParser
import PatentDigest

#if canImport(Glibc)
  import Glibc
#endif

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
    do {
      try AtomicFile.makeFolder(out)
      for (name, text) in DraftRenderer.builtInFiles.sorted(by: { $0.key < $1.key }) {
        let path = "\(out)/\(name)"
        if FileExistence.exists(path) {
          StandardError.print("\(path) exists; left as it is")
          continue
        }
        try AtomicFile.write(text, to: path)
        StandardError.print("wrote \(path)")
      }
    } catch {
      // Everything in the block throws OutputError (a typed `catch let ... as` crashes Swift 6.3.1's SILGen).
      StandardError.print("\(error)")
      throw ExitStatus.outputFailed
    }
  }
}

enum FileExistence {
  static func exists(_ path: String) -> Bool {
    #if canImport(Glibc)
      return access(path, F_OK) == 0
    #else
      return false
    #endif
  }
}
