import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a function over a stream of jobs on worker threads and hands the results back in the
/// order the jobs came, on the submitting thread.
///
/// The number of jobs and bytes in flight is bounded, so memory stays flat however long the
/// stream is: `submit` waits (delivering finished results meanwhile) while the window is full.
/// Workers wait on one condition and the submitter on another, and a worker wakes the submitter
/// only when it finished the very results the submitter waits for: a week of documents costs a
/// few thousand wake-ups, not tens of thousands. With the window full, the submitter waits for
/// half the window's results in a row, not just the next one: each wake-up then hands over that
/// many jobs, and the workers still have the other half to work on meanwhile.
final class OrderedParallelMap<Job: Sendable, Result: Sendable>: @unchecked Sendable {
  // All mutable state below is guarded by `mutex`.
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let jobsAvailable = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private let resultReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  /// Jobs not yet started, by sequence number; a started job leaves it, so its memory goes with it.
  private var waiting: [Int: (job: Job, cost: Int)] = [:]
  private var startedCount = 0
  private var finished: [Int: (result: Result, cost: Int)] = [:]
  private var submittedCount = 0
  private var deliveredCount = 0
  private var costInFlight = 0
  private var closed = false
  private var runningWorkers = 0
  /// The submitter sleeps until every result from `deliveredCount` through this one is finished.
  private var awaitedThrough = 0

  private let maximumJobsInFlight: Int
  private let maximumCostInFlight: Int
  private let work: @Sendable (Job) -> Result

  init(workers: Int, maximumJobsInFlight: Int, maximumCostInFlight: Int, work: @escaping @Sendable (Job) -> Result) {
    self.maximumJobsInFlight = max(1, maximumJobsInFlight)
    self.maximumCostInFlight = maximumCostInFlight
    self.work = work
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(jobsAvailable, nil)
    pthread_cond_init(resultReady, nil)
    runningWorkers = max(1, workers)
    for index in 0..<runningWorkers {
      let thread = Thread { [self] in runWorker() }
      thread.name = "patent-digest worker \(index + 1)"
      thread.stackSize = 4 << 20
      thread.start()
    }
  }

  deinit {
    pthread_cond_destroy(resultReady)
    pthread_cond_destroy(jobsAvailable)
    pthread_mutex_destroy(mutex)
    resultReady.deallocate()
    jobsAvailable.deallocate()
    mutex.deallocate()
  }

  /// Queues `job`; while the window is full, delivers finished results in order.
  func submit(_ job: Job, cost: Int, deliver: (Result) throws -> Void) throws {
    pthread_mutex_lock(mutex)
    while true {
      let inFlight = submittedCount - deliveredCount
      if inFlight == 0 || (inFlight < maximumJobsInFlight && costInFlight + cost <= maximumCostInFlight) { break }
      awaitedThrough = deliveredCount + min(inFlight, max(1, maximumJobsInFlight / 2)) - 1
      if isAwaitedFinished() {
        var ready: [Result] = []
        while let next = takeNextFinished() { ready.append(next) }
        pthread_mutex_unlock(mutex)
        for result in ready { try deliver(result) }
        pthread_mutex_lock(mutex)
        continue
      }
      pthread_cond_wait(resultReady, mutex)
    }
    waiting[submittedCount] = (job, cost)
    submittedCount += 1
    costInFlight += cost
    pthread_cond_signal(jobsAvailable)
    // Hand back what is already done, without waiting.
    var ready: [Result] = []
    while let next = takeNextFinished() { ready.append(next) }
    pthread_mutex_unlock(mutex)
    for result in ready { try deliver(result) }
  }

  /// Delivers every result submitted so far, in order; the workers keep running.
  func drain(deliver: (Result) throws -> Void) throws {
    pthread_mutex_lock(mutex)
    while deliveredCount < submittedCount {
      awaitedThrough = deliveredCount
      if let ready = takeNextFinished() {
        pthread_mutex_unlock(mutex)
        try deliver(ready)
        pthread_mutex_lock(mutex)
      } else {
        pthread_cond_wait(resultReady, mutex)
      }
    }
    pthread_mutex_unlock(mutex)
  }

  /// Stops the workers; queued jobs are dropped. Safe to call more than once.
  func shutDown() {
    pthread_mutex_lock(mutex)
    closed = true
    pthread_cond_broadcast(jobsAvailable)
    while runningWorkers > 0 { pthread_cond_wait(resultReady, mutex) }
    pthread_mutex_unlock(mutex)
  }

  /// Whether every result the submitter waits for is finished. Call with the mutex held.
  private func isAwaitedFinished() -> Bool {
    var sequence = deliveredCount
    while sequence <= awaitedThrough {
      if finished[sequence] == nil { return false }
      sequence += 1
    }
    return true
  }

  /// The next result in order, if finished. Call with the mutex held.
  private func takeNextFinished() -> Result? {
    guard let entry = finished.removeValue(forKey: deliveredCount) else { return nil }
    deliveredCount += 1
    costInFlight -= entry.cost
    return entry.result
  }

  private static func lowerPriorityOfCurrentThread() {
    #if os(Linux)
      // On Linux the nice value is per thread, and `who == 0` names the calling thread.
      _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
    #endif
  }

  private func runWorker() {
    // The submitting thread reads, inflates and cuts: every worker depends on it. With more
    // runnable threads than cores, a lower priority for the workers keeps it from being preempted.
    Self.lowerPriorityOfCurrentThread()
    pthread_mutex_lock(mutex)
    while true {
      while startedCount == submittedCount && !closed { pthread_cond_wait(jobsAvailable, mutex) }
      if closed {
        runningWorkers -= 1
        pthread_cond_broadcast(resultReady)
        pthread_mutex_unlock(mutex)
        return
      }
      let sequence = startedCount
      let (job, cost) = waiting.removeValue(forKey: sequence)!
      startedCount += 1
      pthread_mutex_unlock(mutex)
      let result = work(job)
      pthread_mutex_lock(mutex)
      finished[sequence] = (result, cost)
      if sequence >= deliveredCount && sequence <= awaitedThrough && isAwaitedFinished() {
        pthread_cond_signal(resultReady)
      }
    }
  }
}
