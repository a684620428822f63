import Foundation
import SkillAnalytics
import SkillStore

/// A request's query parameters, checked against the names an endpoint accepts: an unknown name, a repeated
/// one, or a value that does not parse is a 400 that says which and why. Nothing here reaches SQL as text:
/// values become typed requests of the query layer, whose store binds them as parameters.
struct Parameters: Sendable {
    private var values: [String: String] = [:]

    /// Checks `query` against `specs`: names, repetition, length, presence of the required ones, and an empty
    /// value where the parameter's schema has no empty value (a number, an enumeration, a pattern, a required text).
    init(query: [(String, String)], specs: [ParameterSpec]) throws {
        try self.init(query: query, allowed: Set(specs.map(\.name)))
        for spec in specs where spec.required && values[spec.name] == nil {
            throw Problem.badRequest("parameter '\(spec.name)' is required")
        }
        for spec in specs where !spec.allowsEmpty {
            if let v = values[spec.name], v.trimmingCharacters(in: .whitespaces).isEmpty {
                throw Problem.badRequest("parameter '\(spec.name)' is empty")
            }
        }
    }

    init(query: [(String, String)], allowed: Set<String>) throws {
        for (name, value) in query {
            guard allowed.contains(name) else {
                throw Problem.badRequest("unknown parameter '\(name)'; this endpoint accepts "
                    + (allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")))
            }
            guard values[name] == nil else { throw Problem.badRequest("parameter '\(name)' is given twice") }
            guard value.count <= 200 else { throw Problem.badRequest("parameter '\(name)' is longer than 200 characters") }
            values[name] = value
        }
    }

    /// A non-empty text value, or nil when absent or empty.
    func string(_ name: String) -> String? {
        guard let v = values[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        return v
    }

    func int(_ name: String, default d: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let s = string(name) else { return d }
        guard let n = Int(s), range.contains(n) else {
            throw Problem.badRequest("parameter '\(name)' must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(s)'")
        }
        return n
    }

    func double(_ name: String, default d: Double, in range: ClosedRange<Double>) throws -> Double {
        guard let s = string(name) else { return d }
        guard let x = Double(s), x.isFinite, range.contains(x) else {
            throw Problem.badRequest("parameter '\(name)' must be a number in [\(range.lowerBound), \(range.upperBound)], got '\(s)'")
        }
        return x
    }

    func bool(_ name: String) throws -> Bool {
        guard let s = string(name) else { return false }
        switch s.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Problem.badRequest("parameter '\(name)' must be true or false, got '\(s)'")
        }
    }

    func choice<E: RawRepresentable & CaseIterable>(_ name: String, default d: E) throws -> E where E.RawValue == String {
        guard let s = string(name) else { return d }
        guard let e = E(rawValue: s) else {
            throw Problem.badRequest("parameter '\(name)' must be one of "
                + E.allCases.map(\.rawValue).joined(separator: ", ") + ", got '\(s)'")
        }
        return e
    }

    /// A month window `YYYY-MM..YYYY-MM` (or one month `YYYY-MM`).
    func window(_ name: String) throws -> MonthWindow? {
        guard let s = string(name) else { return nil }
        if let w = MonthWindow(parsing: s) { return w }
        // Well-formed but ending before it starts: a window the store cannot have, not a malformed one.
        if s.range(of: ParameterSpec.monthPattern, options: .regularExpression) != nil {
            throw Problem.unprocessable("parameter '\(name)' ends before it starts: '\(s)'")
        }
        throw Problem.badRequest("parameter '\(name)' must be a month window YYYY-MM..YYYY-MM, got '\(s)'")
    }

    /// `limit` and `offset`.
    func page(defaultLimit: Int = 20, maxLimit: Int = 500) throws -> Page {
        Page(limit: try int("limit", default: defaultLimit, in: 1...maxLimit), offset: try int("offset", default: 0, in: 0...1_000_000))
    }
}

/// One page of a list.
struct Page: Sendable {
    var limit: Int
    var offset: Int

    func slice<T>(_ xs: [T]) -> ArraySlice<T> {
        let start = min(offset, xs.count)
        return xs[start..<min(xs.count, start + limit)]
    }
}
