extension PatentRecord {
  /// Writes the record as one JSON object, keys in the documented order.
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    writeFields(to: &json)
    json.endObject()
  }

  /// Writes the record's keys into an object the caller has begun (and may add keys to).
  public func writeFields(to json: inout JSONWriter) {
    json.key("type")
    json.string(type.rawValue)
    json.key("publicationNumber")
    json.string(publicationNumber)
    json.key("kind")
    json.string(kind)
    json.key("publicationDate")
    json.string(publicationDate)
    json.key("filingDate")
    json.string(filingDate)
    json.key("applicationNumber")
    json.string(applicationNumber)
    json.key("applicationType")
    json.string(applicationType)
    json.key("title")
    json.string(title)
    json.key("abstract")
    json.string(abstract)
    json.key("assignees")
    Party.write(assignees, to: &json)
    json.key("applicants")
    Party.write(applicants, to: &json)
    json.key("inventors")
    Party.write(inventors, to: &json)
    json.key("cpc")
    Classification.write(cpc, to: &json)
    json.key("ipc")
    Classification.write(ipc, to: &json)
    json.key("claimCount")
    json.int(claimCount)
    json.key("firstClaim")
    json.string(firstClaim)
    json.key("relatedDocuments")
    json.beginArray()
    for relation in relatedDocuments { json.string(relation) }
    json.endArray()
    json.key("dtdVersion")
    json.string(dtdVersion)
    json.key("source")
    json.beginObject()
    json.key("file")
    json.string(source.file)
    json.key("document")
    json.int(source.document)
    json.key("byteOffset")
    json.int(source.byteOffset)
    json.endObject()
  }
}

extension Party {
  static func write(_ parties: [Party], to json: inout JSONWriter) {
    json.beginArray()
    for party in parties {
      json.beginObject()
      json.key("name")
      json.string(party.name)
      json.key("kind")
      json.string(party.kind.rawValue)
      json.optionalField("organization", party.organization)
      json.optionalField("firstName", party.firstName)
      json.optionalField("lastName", party.lastName)
      json.optionalField("role", party.role)
      json.optionalField("city", party.city)
      json.optionalField("state", party.state)
      json.optionalField("country", party.country)
      json.optionalField("authorityCategory", party.authorityCategory)
      json.optionalField("applicantType", party.applicantType)
      json.endObject()
    }
    json.endArray()
  }
}

extension Classification {
  static func write(_ symbols: [Classification], to json: inout JSONWriter) {
    json.beginArray()
    for symbol in symbols {
      json.beginObject()
      json.key("symbol")
      json.string(symbol.symbol)
      json.key("main")
      json.bool(symbol.main)
      json.endObject()
    }
    json.endArray()
  }
}
