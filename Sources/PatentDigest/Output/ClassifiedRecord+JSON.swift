extension ClassifiedRecord {
  /// Writes the parse record's keys, then `companies`, `matchedAssignee`, `matchedBy`, `topics`
  /// and `score`.
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    record.writeFields(to: &json)
    json.key("companies")
    json.beginArray()
    for company in companies { json.string(company) }
    json.endArray()
    json.key("matchedAssignee")
    json.string(matchedAssignee)
    json.key("matchedBy")
    json.string(matchedBy)
    json.key("topics")
    json.beginArray()
    for topic in topics {
      json.beginObject()
      json.key("name")
      json.string(topic.name)
      json.key("consumer")
      json.bool(topic.consumer)
      json.key("weight")
      json.int(topic.weight)
      json.key("reasons")
      json.beginArray()
      for reason in topic.reasons { json.string(reason) }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.key("score")
    json.beginObject()
    json.key("value")
    json.int(score.value)
    json.key("reasons")
    json.beginArray()
    for reason in score.reasons {
      json.beginObject()
      json.key("points")
      json.int(reason.points)
      json.key("reason")
      json.string(reason.reason)
      json.endObject()
    }
    json.endArray()
    json.endObject()
    json.endObject()
  }

  /// One classified record's JSON, ready for a `RecordPrinter`.
  public static func encode(_ classified: ClassifiedRecord) -> [UInt8] {
    var json = JSONWriter(reservingCapacity: 6144)
    classified.write(to: &json)
    return json.bytes
  }
}
