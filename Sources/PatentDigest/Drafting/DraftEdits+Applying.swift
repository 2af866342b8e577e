/// How an editor's edits change the ranking's picks. The texts they set (headline, dek, intro,
/// subheads, blurbs) replace the written copy where the draft is put together.
extension DraftEdits {
  /// Every edit that cannot be applied: it names a filing that is not in `known`, the watched
  /// companies' filings of the week by publication number.
  func problems(known: [String: ClassifiedRecord]) -> [String] {
    var problems: [String] = []
    for number in items.filter({ !$0.value.isEmpty }).keys.sorted() where known[number] == nil {
      problems.append(
        "the edits name \(number), which is not a watched company's filing in this week's feeds; its changes are not applied")
    }
    if let lead, known[lead] == nil {
      problems.append(
        "the edits make \(lead) the lead, but it is not a watched company's filing in this week's feeds; the ranking's lead stays"
      )
    }
    return problems
  }

  /// A company's items after the edits: the ranking's `picks` less the dropped ones, plus the
  /// added ones and the edited lead (in ranking order among `ranked`, all the company's filings),
  /// the editor's positions first.
  func applied(to picks: [ClassifiedRecord], ranked: [ClassifiedRecord], editedLead: ClassifiedRecord?) -> [ClassifiedRecord] {
    var chosen = picks
    chosen.removeAll { items[$0.record.publicationNumber]?.dropped == true }
    for candidate in ranked where items[candidate.record.publicationNumber]?.added == true || candidate == editedLead {
      if !chosen.contains(candidate) { chosen.append(candidate) }
    }
    // Positions the editor set come first, in their order; the rest keep the ranking's.
    return chosen.enumerated().sorted {
      (items[$0.element.record.publicationNumber]?.position ?? Int.max, $0.offset)
        < (items[$1.element.record.publicationNumber]?.position ?? Int.max, $1.offset)
    }.map(\.element)
  }
}
