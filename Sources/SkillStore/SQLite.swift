import CSQLite
import Foundation

/// An SQLite error with the statement or operation that failed.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One SQLite connection. Not thread-safe: use it from one thread at a time (the pipeline's writer).
public final class SQLiteConnection {
    @usableFromInline var handle: OpaquePointer?
    public let path: String
    private var cache: [String: Statement] = [:]

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw StoreError("cannot open database \(path): \(msg)"
                             + (readOnly ? " (does it exist? run `skillradar analyze` first)" : ""))
        }
        handle = db
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &err) != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(err)
            throw StoreError("SQL failed: \(msg) in: \(sql.prefix(200))")
        }
    }

    /// A prepared statement, cached by its SQL text.
    public func prepare(_ sql: String) throws -> Statement {
        if let s = cache[sql] {
            s.reset()
            return s
        }
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw StoreError("SQL prepare failed: \(String(cString: sqlite3_errmsg(handle))) in: \(sql.prefix(200))")
        }
        let s = Statement(stmt, connection: self)
        cache[sql] = s
        return s
    }

    /// Runs `body` inside a transaction named for what it does; rolls back if `body` throws.
    public func transaction<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw StoreError("\(name) failed and was rolled back: \(error)")
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }
}

/// A value bound to or read from a statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
}

/// A prepared statement; bind, then step through rows.
public final class Statement {
    let stmt: OpaquePointer
    unowned let connection: SQLiteConnection

    init(_ stmt: OpaquePointer, connection: SQLiteConnection) {
        self.stmt = stmt
        self.connection = connection
    }

    deinit { sqlite3_finalize(stmt) }

    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds values to `?` parameters in order.
    @discardableResult
    public func bind(_ values: [SQLValue]) throws -> Statement {
        for (i, v) in values.enumerated() {
            let idx = Int32(i + 1)
            let rc: Int32
            switch v {
            case .null: rc = sqlite3_bind_null(stmt, idx)
            case .int(let x): rc = sqlite3_bind_int64(stmt, idx, x)
            case .double(let x): rc = sqlite3_bind_double(stmt, idx, x)
            case .text(let s): rc = sqlite3_bind_text(stmt, idx, s, -1, Self.transient)
            }
            guard rc == SQLITE_OK else { throw StoreError("bind failed: \(connection.errorMessage)") }
        }
        return self
    }

    /// Binds one integer to parameter `index` (1-based) without building an array.
    @inline(__always)
    public func bind(_ index: Int32, _ value: Int64) throws {
        guard sqlite3_bind_int64(stmt, index, value) == SQLITE_OK else {
            throw StoreError("bind failed: \(connection.errorMessage)")
        }
    }

    /// Binds one real to parameter `index` (1-based).
    @inline(__always)
    public func bind(_ index: Int32, _ value: Double) throws {
        guard sqlite3_bind_double(stmt, index, value) == SQLITE_OK else {
            throw StoreError("bind failed: \(connection.errorMessage)")
        }
    }

    /// Binds one text (or NULL for nil) to parameter `index` (1-based) without building an array.
    @inline(__always)
    public func bind(_ index: Int32, _ value: String?) throws {
        guard var value else {
            guard sqlite3_bind_null(stmt, index) == SQLITE_OK else {
                throw StoreError("bind failed: \(connection.errorMessage)")
            }
            return
        }
        let rc = value.withUTF8 { buf -> Int32 in
            guard let base = buf.baseAddress else { return sqlite3_bind_text(stmt, index, "", 0, Self.transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                sqlite3_bind_text(stmt, index, $0, Int32(buf.count), Self.transient)
            }
        }
        guard rc == SQLITE_OK else { throw StoreError("bind failed: \(connection.errorMessage)") }
    }

    /// Binds a blob to parameter `index` (1-based).
    public func bind(_ index: Int32, blob: [UInt8]) throws {
        let rc = blob.withUnsafeBytes { raw in
            sqlite3_bind_blob(stmt, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count),
                              Self.transient)
        }
        guard rc == SQLITE_OK else { throw StoreError("bind failed: \(connection.errorMessage)") }
    }

    /// Resets the statement and clears its bindings, before binding by index.
    public func clear() { reset() }

    /// Steps a statement bound by index until done (for statements without rows).
    public func runBound() throws {
        while try step() {}
    }

    /// The bytes of blob column `i` of the current row.
    public func blob(_ i: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(stmt, i))
        guard n > 0, let p = sqlite3_column_blob(stmt, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }

    /// Integer column `i` of the current row.
    public func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(stmt, i) }

    /// Steps once; true if a row is available.
    public func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw StoreError("SQL step failed: \(connection.errorMessage)")
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLValue] = []) throws {
        reset()
        try bind(values)
        while try step() {}
    }

    /// All rows, each as an array of values.
    public func rows(_ values: [SQLValue] = []) throws -> [[SQLValue]] {
        reset()
        try bind(values)
        var out: [[SQLValue]] = []
        while try step() {
            out.append((0..<sqlite3_column_count(stmt)).map { column($0) })
        }
        return out
    }

    /// All rows, each decoded by column name (``Row``).
    func query(_ values: [SQLValue] = []) throws -> [Row] {
        var out: [Row] = []
        try forEachRow(values) { out.append($0) }
        return out
    }

    /// Steps through the rows, handing each to `body` decoded by column name; O(1) memory beyond one row.
    func forEachRow(_ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        reset()
        try bind(values)
        let n = sqlite3_column_count(stmt)
        var names: [String: Int] = [:]
        for i in 0..<n { names[sqlite3_column_name(stmt, i).map { String(cString: $0) } ?? "\(i)"] = Int(i) }
        let columns = RowColumns(names: names)
        while try step() {
            try body(Row(columns: columns, values: (0..<n).map { column($0) }))
        }
    }

    /// The value of column `i` of the current row.
    public func column(_ i: Int32) -> SQLValue {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(stmt, i))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(stmt, i))
        case SQLITE_NULL: return .null
        default:
            guard let p = sqlite3_column_text(stmt, i) else { return .null }
            return .text(String(cString: p))
        }
    }
}

extension SQLValue {
    public var int: Int { if case .int(let x) = self { Int(x) } else if case .double(let d) = self { Int(d) } else { 0 } }
    public var int64: Int64 { if case .int(let x) = self { x } else { 0 } }
    public var double: Double {
        switch self {
        case .double(let d): d
        case .int(let x): Double(x)
        default: 0
        }
    }
    public var string: String? {
        switch self {
        case .text(let s): s
        case .int(let x): String(x)
        case .double(let d): String(d)
        case .null: nil
        }
    }
    public init(_ s: String?) { self = s.map { .text($0) } ?? .null }
    public init(_ x: Int) { self = .int(Int64(x)) }
}

/// Column names of a result, shared by its rows.
final class RowColumns: Sendable {
    let names: [String: Int]
    init(names: [String: Int]) { self.names = names }
}

/// One result row, read by column name. A missing column, a NULL where a value is required, or a value of the
/// wrong type is an error naming the column, never a silent 0 or "".
struct Row {
    let columns: RowColumns
    let values: [SQLValue]

    func value(_ name: String) throws -> SQLValue {
        guard let i = columns.names[name] else {
            throw StoreError("no column '\(name)' in the result (columns: \(columns.names.keys.sorted().joined(separator: ", ")))")
        }
        return values[i]
    }

    func int(_ name: String) throws -> Int { Int(try int64(name)) }

    func int64(_ name: String) throws -> Int64 {
        guard let x = try optionalInt64(name) else { throw StoreError("column '\(name)' is NULL where a number is required") }
        return x
    }

    func optionalInt64(_ name: String) throws -> Int64? {
        switch try value(name) {
        case .null: return nil
        case .int(let x): return x
        case .double(let d) where d == d.rounded() && abs(d) < 9e18: return Int64(d)
        case let v: throw StoreError("column '\(name)' holds \(v), not an integer")
        }
    }

    func optionalInt(_ name: String) throws -> Int? { try optionalInt64(name).map { Int($0) } }

    func double(_ name: String) throws -> Double {
        guard let x = try optionalDouble(name) else { throw StoreError("column '\(name)' is NULL where a number is required") }
        return x
    }

    func optionalDouble(_ name: String) throws -> Double? {
        switch try value(name) {
        case .null: return nil
        case .int(let x): return Double(x)
        case .double(let d): return d
        case let v: throw StoreError("column '\(name)' holds \(v), not a number")
        }
    }

    func string(_ name: String) throws -> String {
        guard let s = try optionalString(name) else { throw StoreError("column '\(name)' is NULL where text is required") }
        return s
    }

    func optionalString(_ name: String) throws -> String? {
        switch try value(name) {
        case .null: return nil
        case .text(let s): return s
        case .int(let x): return String(x)
        case .double(let d): return String(d)
        }
    }
}
