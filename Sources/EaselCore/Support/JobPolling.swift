/// Waits for a Canvas background job (a report run, a SIS import) by polling its status:
/// the first pause, doubling up to the longest, giving up after `timeout`. Each poll is a
/// request against the throttle, so polls grow sparse as a long job goes on.
struct JobPolling: Sendable {
    var first: Duration
    var longest: Duration
    var timeout: Duration

    /// Polls from `started` until `isFinished`; `status` reads the job again, `progress`
    /// hears each read, `timedOut` says why waiting stopped.
    func wait<Job: Sendable>(
        _ started: Job, isFinished: (Job) -> Bool, status: () async throws -> Job,
        progress: ((Job) -> Void)? = nil, timedOut: (Job) -> any Error
    ) async throws -> Job {
        var job = started
        var pause = first
        let began = ContinuousClock.now
        while !isFinished(job) {
            guard ContinuousClock.now - began < timeout else { throw timedOut(job) }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, longest)
            job = try await status()
            progress?(job)
        }
        return job
    }
}
