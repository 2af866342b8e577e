/// The classification symbols of one document as they are read: the first symbol marked main is
/// the main one, and the formats that repeat a symbol list it once. Each symbol costs constant
/// time, so a hostile document listing millions costs no more than reading it.
struct ClassificationList {
  private var items: [Classification] = []
  private var symbols: Set<String> = []
  private var hasMain = false

  /// Adds `symbol`, as main if `main` and no symbol is main yet; with `skipRepeats`, a symbol
  /// already listed is left out.
  mutating func add(_ symbol: String, main: Bool, skipRepeats: Bool) {
    if skipRepeats && symbols.contains(symbol) { return }
    symbols.insert(symbol)
    let isMain = main && !hasMain
    hasMain = hasMain || isMain
    items.append(Classification(symbol: symbol, main: isMain))
  }

  /// The symbols, the main one first.
  var mainFirst: [Classification] { items.filter(\.main) + items.filter { !$0.main } }
}
