/// One CSV record, or a record that could not be read.
public enum CSVEvent {
    /// Fields of a record that starts on `line` (1-based) at byte `offset`.
    case record(fields: [String], line: Int, offset: Int)
    /// A record that could not be read (unterminated quote, over the size limit, invalid UTF-8).
    case malformed(line: Int, offset: Int, reason: String, excerpt: String)
}

/// A streaming RFC 4180 reader: quoted fields with embedded delimiters, quotes (`""`) and newlines;
/// a UTF-8 byte-order mark is skipped; `\r\n` and `\n` both end records; blank lines are not records.
///
/// Lenient where a user expects it: a quote inside an unquoted field, or text after a closing quote, is
/// kept as text. Recovering where data would otherwise be lost: a quote that is never closed (before the
/// end of input, or within `maxRecordBytes`) makes only the record where it opened malformed; reading
/// resumes on the line after that record's first line, so the records that follow are not swallowed.
/// A record over `maxRecordBytes` outside quotes, or with invalid UTF-8, is malformed too.
/// Memory is O(`maxRecordBytes`).
public struct CSVReader {
    public var delimiter: UInt8
    public var maxRecordBytes: Int

    public init(delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 16 << 20) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// Calls `body` for every record of `source`, in order.
    public func forEach(_ source: ByteSource, _ body: (CSVEvent) throws -> Void) throws {
        let parser = CSVParser(delimiter: delimiter, maxRecordBytes: maxRecordBytes)
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var first = true
        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            var start = 0
            if first {
                first = false
                if n >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { parser.skipBOM(); start = 3 }
            }
            for i in start..<n { try parser.feed(chunk[i], body) }
        }
        try parser.finish(body)
    }

    /// The first 200 characters of a record, for quarantine entries.
    public static func excerpt(_ s: String) -> String {
        s.count <= 200 ? s : String(s.prefix(200)) + "…"
    }
}

/// The byte-at-a-time state machine behind ``CSVReader``.
final class CSVParser {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    let maxRecordBytes: Int
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    /// The current record's bytes as read, kept to resume after an unclosed quote.
    private var raw: [UInt8] = []
    private var recordLine = 1
    private var recordOffset = 0
    private var line = 1
    private var position = 0
    private var skipping = false
    private var invalidUTF8 = false

    init(delimiter: UInt8, maxRecordBytes: Int) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    func skipBOM() {
        position = 3
        recordOffset = 3
    }

    func feed(_ b: UInt8, _ body: (CSVEvent) throws -> Void) throws {
        position += 1
        if !skipping {
            raw.append(b)
            if raw.count > maxRecordBytes {
                if state == .quoted, raw.contains(0x0A) {
                    // A quote open across lines for this long is taken as never closed.
                    try abandonUnclosedQuote(body, why: "not closed within \(maxRecordBytes) bytes")
                    return
                }
                // One oversized record: follow its structure to its end without keeping it.
                skipping = true
                raw.removeAll(keepingCapacity: false)
                field.removeAll(keepingCapacity: false)
                fields.removeAll(keepingCapacity: false)
            }
        }
        switch state {
        case .fieldStart, .unquoted:
            if b == UInt8(ascii: "\"") && state == .fieldStart {
                state = .quoted
            } else if b == delimiter {
                finishField()
                state = .fieldStart
            } else if b == 0x0A {
                line += 1
                if field.last == 0x0D { field.removeLast() }
                try finishRecord(body)
            } else {
                keep(b)
                state = .unquoted
            }
        case .quoted:
            if b == UInt8(ascii: "\"") {
                state = .quoteInQuoted
            } else {
                if b == 0x0A { line += 1 }
                keep(b)
            }
        case .quoteInQuoted:
            if b == UInt8(ascii: "\"") {
                keep(b)
                state = .quoted
            } else if b == delimiter {
                finishField()
                state = .fieldStart
            } else if b == 0x0A {
                line += 1
                try finishRecord(body)
            } else if b != 0x0D { // `\r` of `\r\n` after a closing quote is dropped
                keep(b) // text after a closing quote: kept (lenient), as most readers do
                state = .unquoted
            }
        }
    }

    @inline(__always)
    private func keep(_ b: UInt8) {
        if !skipping { field.append(b) }
    }

    func finish(_ body: (CSVEvent) throws -> Void) throws {
        while state == .quoted, !skipping {
            try abandonUnclosedQuote(body, why: "not closed before end of input")
        }
        if skipping {
            try body(.malformed(line: recordLine, offset: recordOffset,
                                reason: "record longer than \(maxRecordBytes) bytes", excerpt: ""))
            reset(nextOffset: position)
        } else if !raw.isEmpty {
            if field.last == 0x0D { field.removeLast() }
            try finishRecord(body)
        }
    }

    /// Reports the record whose quote never closed, then re-reads everything after its first line.
    private func abandonUnclosedQuote(_ body: (CSVEvent) throws -> Void, why: String) throws {
        let replay = raw
        let excerpt = CSVReader.excerpt(String(decoding: replay.prefix(800), as: UTF8.self))
        try body(.malformed(line: recordLine, offset: recordOffset,
                            reason: "quoted field opened in this record is \(why)", excerpt: excerpt))
        let startLine = recordLine, startOffset = recordOffset
        guard let cut = replay.firstIndex(of: 0x0A) else {
            // One line only: nothing to resume.
            line = startLine + 1
            reset(nextOffset: startOffset + replay.count)
            position = startOffset + replay.count
            return
        }
        line = startLine + 1
        position = startOffset + cut + 1
        reset(nextOffset: position)
        for b in replay[(cut + 1)...] { try feed(b, body) }
    }

    private func finishField() {
        if skipping { return }
        if let s = String(validating: field, as: UTF8.self) {
            fields.append(s)
        } else {
            invalidUTF8 = true
            fields.append(String(decoding: field, as: UTF8.self))
        }
        field.removeAll(keepingCapacity: true)
    }

    private func finishRecord(_ body: (CSVEvent) throws -> Void) throws {
        finishField()
        if skipping {
            try body(.malformed(line: recordLine, offset: recordOffset,
                                reason: "record longer than \(maxRecordBytes) bytes", excerpt: ""))
        } else if invalidUTF8 {
            try body(.malformed(line: recordLine, offset: recordOffset, reason: "invalid UTF-8",
                                excerpt: CSVReader.excerpt(fields.joined(separator: ","))))
        } else if !(fields.count == 1 && fields[0].isEmpty) { // blank lines are not records
            try body(.record(fields: fields, line: recordLine, offset: recordOffset))
        }
        reset(nextOffset: position)
    }

    private func reset(nextOffset: Int) {
        fields.removeAll(keepingCapacity: true)
        field.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
        state = .fieldStart
        skipping = false
        invalidUTF8 = false
        recordLine = line
        recordOffset = nextOffset
    }
}
