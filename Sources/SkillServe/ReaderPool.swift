import Foundation
import SkillAnalytics
import SkillStore

/// Read-only connections to the store, one per concurrent query (SQLite connections are not shared between
/// threads). The store may be written by `analyze` meanwhile: WAL gives each query a consistent snapshot.
///
/// The pool watches the store's change stamp (latest run and highest posting id, read at most every
/// `stampInterval`): the response cache and ETags are keyed on it, and when a run starts or ends the readers are
/// reopened, so that a new taxonomy or new display names are picked up.
final class ReaderPool: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private let slots: DispatchSemaphore
    private var idle: [Analytics] = []
    /// The run part of the stamp the idle readers were opened under.
    private var idleRun = ""
    private var current: (stamp: String, lastModified: String?, readAt: UInt64)?
    private let stampInterval: UInt64 = 250_000_000
    /// A connection for reading the stamp only.
    private var stampStore: SkillStore?

    init(path: String, readers: Int) throws {
        self.path = path
        slots = DispatchSemaphore(value: max(1, readers))
        // Fail at start, with the store's own message, when there is no store or no run in it.
        let first = try Analytics(store: try SkillStore(path: path, readOnly: true))
        let s = try first.store.changeStamp()
        current = (s.stamp, s.lastModified, DispatchTime.now().uptimeNanoseconds)
        idle = [first]
        idleRun = Self.runPart(s.stamp)
        // Further readers share its labels and forms (opening one reads every mention once).
        (template, templateRun) = (first, idleRun)
    }

    /// The store's change stamp and the time of its latest run (cached for a quarter second).
    func stamp() throws -> (stamp: String, lastModified: String?) {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        if let c = current, now - c.readAt < stampInterval { return (c.stamp, c.lastModified) }
        if stampStore == nil { stampStore = try SkillStore(path: path, readOnly: true) }
        let s = try stampStore!.changeStamp()
        current = (s.stamp, s.lastModified, now)
        return s
    }

    /// Runs `body` with a reader of its own (blocking until one is free); call off the event loop.
    func withReader<T>(_ body: (Analytics) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        let run = Self.runPart(try stamp().stamp)
        let reader: Analytics = try {
            lock.lock()
            defer { lock.unlock() }
            if run != idleRun {
                idle.removeAll() // a run started or ended: reopen, with the taxonomy of the latest run
                idleRun = run
            }
            if let a = idle.popLast() { return a }
            return try newReader()
        }()
        defer {
            lock.lock()
            if Self.runPart(current?.stamp ?? "") == idleRun { idle.append(reader) }
            lock.unlock()
        }
        var a = reader
        a.cube = try cube(for: a)
        return try body(a)
    }

    // MARK: The demand aggregates in memory

    private let cubeLock = NSLock()
    private var currentCube: DemandCube?
    private var cubeBuiltAt: UInt64 = 0
    /// While a run writes, the cube is read again at most this often (its answers lag the store by that much).
    private let cubeInterval: UInt64 = 2_000_000_000

    /// The cube of the store's current state: read again when the stamp changed (at once when a run started or
    /// ended, at most every 2 s while one writes batches). One reader builds it; the others wait for it.
    private func cube(for a: Analytics) throws -> DemandCube {
        let stamp = try self.stamp().stamp
        cubeLock.lock()
        defer { cubeLock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        if let c = currentCube, c.stamp == stamp
            || (Self.runPart(c.stamp) == Self.runPart(stamp) && now - cubeBuiltAt < cubeInterval) {
            return c
        }
        let c = try DemandCube.load(from: a.store, taxonomyID: a.taxonomyID, stamp: stamp)
        (currentCube, cubeBuiltAt) = (c, DispatchTime.now().uptimeNanoseconds)
        return c
    }

    /// A reader sharing the labels of any reader opened for the same run (reading them costs a pass over the
    /// mentions), else a new one. Called with the lock held.
    private var template: Analytics?
    private var templateRun = ""
    private func newReader() throws -> Analytics {
        let store = try SkillStore(path: path, readOnly: true)
        if let t = template, templateRun == idleRun { return t.reading(from: store) }
        let a = try Analytics(store: store)
        (template, templateRun) = (a, idleRun)
        return a
    }

    /// `id.status` of the stamp: the part that changes when a run starts or ends.
    static func runPart(_ stamp: String) -> String { stamp.split(separator: ".").prefix(2).joined(separator: ".") }
}

/// Runs blocking work (SQLite queries, ingestion) off the server's event loops.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
