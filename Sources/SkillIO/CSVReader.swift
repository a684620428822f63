/// One CSV record, or a record that could not be read.
public enum CSVEvent {
    /// Fields of a record that starts on `line` (1-based) at byte `offset`.
    case record(fields: [String], line: Int, offset: Int)
    /// A record that could not be read (unterminated quote, over the size limit, invalid UTF-8).
    case malformed(line: Int, offset: Int, reason: String, excerpt: String)
}

/// A streaming RFC 4180 reader: quoted fields with embedded delimiters, quotes (`""`) and newlines;
/// a UTF-8 byte-order mark is skipped; `\r\n` and `\n` both end records.
///
/// Lenient where a user expects it: a quote inside an unquoted field is kept as text. Strict where data
/// would be lost: a quoted field still open at end of input is reported as malformed, as is a record
/// over `maxRecordBytes` or with invalid UTF-8. Memory is O(largest record).
public struct CSVReader {
    public var delimiter: UInt8
    public var maxRecordBytes: Int

    public init(delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 16 << 20) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Calls `body` for every record of `source`, in order.
    public func forEach(_ source: ByteSource, _ body: (CSVEvent) throws -> Void) throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var state = State.fieldStart
        var field: [UInt8] = []
        var fields: [String] = []
        var recordBytes = 0
        var recordLine = 1
        var recordOffset = 0
        var line = 1
        var position = 0
        var skipping = false // an oversized record: drop bytes until its end
        var invalidUTF8 = false
        var firstBytes = true
        var sawAnything = false

        func finishField() {
            if let s = String(validating: field, as: UTF8.self) {
                fields.append(s)
            } else {
                invalidUTF8 = true
                fields.append(String(decoding: field, as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
        }

        func finishRecord(nextOffset: Int) throws {
            if skipping {
                try body(.malformed(line: recordLine, offset: recordOffset,
                                    reason: "record longer than \(maxRecordBytes) bytes",
                                    excerpt: ""))
            } else {
                finishField()
                if invalidUTF8 {
                    try body(.malformed(line: recordLine, offset: recordOffset, reason: "invalid UTF-8",
                                        excerpt: Self.excerpt(fields.joined(separator: ","))))
                } else if !(fields.count == 1 && fields[0].isEmpty) { // blank lines are not records
                    try body(.record(fields: fields, line: recordLine, offset: recordOffset))
                }
            }
            fields.removeAll(keepingCapacity: true)
            field.removeAll(keepingCapacity: true)
            state = .fieldStart
            recordBytes = 0
            skipping = false
            invalidUTF8 = false
            recordLine = line
            recordOffset = nextOffset
        }

        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            var i = 0
            if firstBytes {
                firstBytes = false
                if n >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF {
                    i = 3
                    recordOffset = 3
                }
            }
            while i < n {
                let b = chunk[i]
                sawAnything = true
                recordBytes += 1
                if recordBytes > maxRecordBytes, !skipping {
                    skipping = true
                    field.removeAll(keepingCapacity: false)
                    fields.removeAll(keepingCapacity: false)
                }
                switch state {
                case .fieldStart, .unquoted:
                    if b == UInt8(ascii: "\"") && state == .fieldStart {
                        state = .quoted
                    } else if b == delimiter {
                        if !skipping { finishField() }
                        state = .fieldStart
                    } else if b == 0x0A {
                        line += 1
                        if field.last == 0x0D { field.removeLast() }
                        try finishRecord(nextOffset: position + i + 1)
                    } else {
                        if !skipping { field.append(b) }
                        state = .unquoted
                    }
                case .quoted:
                    if b == UInt8(ascii: "\"") {
                        state = .quoteInQuoted
                    } else {
                        if b == 0x0A { line += 1 }
                        if !skipping { field.append(b) }
                    }
                case .quoteInQuoted:
                    if b == UInt8(ascii: "\"") {
                        if !skipping { field.append(b) }
                        state = .quoted
                    } else if b == delimiter {
                        if !skipping { finishField() }
                        state = .fieldStart
                    } else if b == 0x0A {
                        line += 1
                        try finishRecord(nextOffset: position + i + 1)
                    } else if b == 0x0D {
                        // part of \r\n after a closing quote
                    } else {
                        // text after a closing quote: keep it (lenient), as most readers do
                        if !skipping { field.append(b) }
                        state = .unquoted
                    }
                }
                i += 1
            }
            position += n
        }
        guard sawAnything else { return }
        if state == .quoted {
            try body(.malformed(line: recordLine, offset: recordOffset,
                                reason: "quoted field not closed before end of input",
                                excerpt: Self.excerpt(fields.joined(separator: ",")
                                                      + String(decoding: field, as: UTF8.self))))
        } else if recordBytes > 0 || !fields.isEmpty || !field.isEmpty {
            if field.last == 0x0D { field.removeLast() }
            try finishRecord(nextOffset: position)
        }
    }

    /// The first 200 characters of a record, for quarantine entries.
    public static func excerpt(_ s: String) -> String {
        s.count <= 200 ? s : String(s.prefix(200)) + "…"
    }
}
