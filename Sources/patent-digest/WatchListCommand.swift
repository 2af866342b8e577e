import ArgumentParser
import PatentDigest

struct WatchListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watchlist",
    abstract: "Print the built-in watch list, to start your own; or check one.",
    discussion: """
      patent-digest watchlist > my-watchlist.yaml      # a copy to edit
      patent-digest watchlist --check my-watchlist.yaml
      patent-digest watchlist --check my-watchlist.yaml --name "Mircosoft Corp." --date 2024-05-02
      """
  )

  @Option(help: ArgumentHelp("Check this watch list file and summarise it instead of printing the default.", valueName: "FILE"))
  var check: String?

  @Option(help: "With --check (or alone, on the built-in list): which watched company this assignee name belongs to.")
  var name: String?

  @Option(help: "Publication date (YYYY-MM-DD) for --name; ownership periods depend on it.")
  var date: String?

  func run() throws {
    guard check != nil || name != nil else {
      var output = FileDescriptorSink.standardOutput
      try output.write(Array(WatchList.defaultText.utf8))
      try output.flush()
      return
    }
    let watchList = try CommandFailure.reporting { try WatchListOption.load(path: check) }
    var stream = StandardOutput()
    if let name {
      let parent = Classifier(watchList: watchList).parentCompany(of: name, publishedOn: date) ?? "none"
      print(parent, to: &stream)
      return
    }
    let watched = watchList.watchedCompanies
    print(
      "\(check ?? ""): \(watchList.companies.count) companies (\(watched.count) watched: \(watched.map(\.name).joined(separator: ", "))), "
        + "\(watchList.companies.reduce(0) { $0 + $1.names.count }) names, \(watchList.topics.count) topics", to: &stream)
  }
}
