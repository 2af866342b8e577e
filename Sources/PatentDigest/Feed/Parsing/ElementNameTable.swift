/// Finds the `ElementName` of an element by the address libxml2 interned its name at: a small
/// open-addressing table, cheaper per event than a `Dictionary`'s SipHash.
struct ElementNameTable {
  private static let capacity = 256  // a power of two, over twice the number of names
  private var keys = [UInt](repeating: 0, count: capacity)
  private var values = [ElementName](repeating: .other, count: capacity)

  @inline(__always)
  private static func slot(_ key: UInt) -> Int {
    Int(truncatingIfNeeded: (key >> 3) &* 0x9E37_79B9_7F4A_7C15 >> 56) & (capacity - 1)
  }

  mutating func insert(_ pointer: UnsafeRawPointer, _ element: ElementName) {
    let key = UInt(bitPattern: pointer)
    var index = Self.slot(key)
    while keys[index] != 0 && keys[index] != key { index = (index + 1) & (Self.capacity - 1) }
    keys[index] = key
    values[index] = element
  }

  @inline(__always)
  func element(at pointer: UnsafeRawPointer) -> ElementName {
    let key = UInt(bitPattern: pointer)
    var index = Self.slot(key)
    while true {
      let found = keys[index]
      if found == key { return values[index] }
      if found == 0 { return .other }
      index = (index + 1) & (Self.capacity - 1)
    }
  }
}
