import Foundation

/// Document buffers handed back by the workers and reused by the splitter.
///
/// Without it every document (about 120 KB) would be a fresh allocation above glibc's mmap
/// threshold: a page-faulting `mmap` in the splitter and a TLB-flushing `munmap` in a worker,
/// which serialises the threads on the kernel's memory lock and costs a third of the run.
final class DocumentBufferPool: @unchecked Sendable {
  private let lock = NSLock()
  private var buffers: [[UInt8]] = []
  private let capacity: Int
  /// Buffers grown past this are let go rather than kept, so one huge document does not pin memory
  /// (a week's documents average about 120 KB; a kept buffer stays as large as the largest it held).
  private let largestKept = 1 << 19

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// An empty buffer, with the capacity of one already used if there is one.
  func take() -> [UInt8] {
    lock.lock()
    var buffer = buffers.popLast() ?? []
    lock.unlock()
    buffer.removeAll(keepingCapacity: true)
    if buffer.capacity == 0 { buffer.reserveCapacity(1 << 18) }
    return buffer
  }

  func recycle(_ buffer: [UInt8]) {
    guard buffer.capacity <= largestKept else { return }
    lock.lock()
    if buffers.count < capacity { buffers.append(buffer) }
    lock.unlock()
  }
}
