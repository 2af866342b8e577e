import Foundation

/// Runs a function over a stream of jobs on worker threads and hands the results back in the
/// order the jobs came, on the submitting thread.
///
/// The number of jobs and bytes in flight is bounded, so memory stays flat however long the
/// stream is: `submit` waits (delivering finished results meanwhile) while the window is full.
final class OrderedParallelMap<Job: Sendable, Result: Sendable>: @unchecked Sendable {
  // All mutable state below is guarded by `condition`.
  private let condition = NSCondition()
  /// Jobs not yet started, by sequence number; a started job leaves it, so its memory goes with it.
  private var waiting: [Int: (job: Job, cost: Int)] = [:]
  private var startedCount = 0
  private var finished: [Int: (result: Result, cost: Int)] = [:]
  private var submittedCount = 0
  private var deliveredCount = 0
  private var costInFlight = 0
  private var closed = false
  private var runningWorkers = 0

  private let maximumJobsInFlight: Int
  private let maximumCostInFlight: Int
  private let work: @Sendable (Job) -> Result

  init(workers: Int, maximumJobsInFlight: Int, maximumCostInFlight: Int, work: @escaping @Sendable (Job) -> Result) {
    self.maximumJobsInFlight = max(1, maximumJobsInFlight)
    self.maximumCostInFlight = maximumCostInFlight
    self.work = work
    runningWorkers = max(1, workers)
    for index in 0..<runningWorkers {
      let thread = Thread { [self] in runWorker() }
      thread.name = "patent-digest worker \(index + 1)"
      thread.stackSize = 4 << 20
      thread.start()
    }
  }

  /// Queues `job`; while the window is full, delivers finished results in order.
  func submit(_ job: Job, cost: Int, deliver: (Result) throws -> Void) throws {
    condition.lock()
    while true {
      let inFlight = submittedCount - deliveredCount
      if inFlight == 0 || (inFlight < maximumJobsInFlight && costInFlight + cost <= maximumCostInFlight) { break }
      if let ready = takeNextFinished() {
        condition.unlock()
        try deliverOutsideLock(ready, deliver)
        condition.lock()
        continue
      }
      condition.wait()
    }
    waiting[submittedCount] = (job, cost)
    submittedCount += 1
    costInFlight += cost
    condition.signal()
    // Hand back what is already done, without waiting.
    var ready: [Result] = []
    while let next = takeNextFinished() { ready.append(next) }
    condition.unlock()
    for result in ready { try deliver(result) }
  }

  /// Delivers every result submitted so far, in order; the workers keep running.
  func drain(deliver: (Result) throws -> Void) throws {
    condition.lock()
    while deliveredCount < submittedCount {
      if let ready = takeNextFinished() {
        condition.unlock()
        try deliverOutsideLock(ready, deliver)
        condition.lock()
      } else {
        condition.wait()
      }
    }
    condition.unlock()
  }

  /// Stops the workers; queued jobs are dropped. Safe to call more than once.
  func shutDown() {
    condition.lock()
    closed = true
    condition.broadcast()
    while runningWorkers > 0 { condition.wait() }
    condition.unlock()
  }

  private static func lowerPriorityOfCurrentThread() {
    #if os(Linux)
      // On Linux the nice value is per thread, and `who == 0` names the calling thread.
      _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
    #endif
  }

  private func deliverOutsideLock(_ result: Result, _ deliver: (Result) throws -> Void) throws {
    try deliver(result)
  }

  /// The next result in order, if finished. Call with the lock held.
  private func takeNextFinished() -> Result? {
    guard let entry = finished.removeValue(forKey: deliveredCount) else { return nil }
    deliveredCount += 1
    costInFlight -= entry.cost
    condition.broadcast()
    return entry.result
  }

  private func runWorker() {
    // The submitting thread reads, inflates and cuts: every worker depends on it. With more
    // runnable threads than cores, a lower priority for the workers keeps it from being preempted.
    Self.lowerPriorityOfCurrentThread()
    condition.lock()
    while true {
      while startedCount == submittedCount && !closed { condition.wait() }
      if closed {
        runningWorkers -= 1
        condition.broadcast()
        condition.unlock()
        return
      }
      let sequence = startedCount
      let (job, cost) = waiting.removeValue(forKey: sequence)!
      startedCount += 1
      condition.unlock()
      let result = work(job)
      condition.lock()
      finished[sequence] = (result, cost)
      condition.broadcast()
    }
  }
}
