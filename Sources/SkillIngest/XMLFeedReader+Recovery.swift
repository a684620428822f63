import CLibXML2
import Foundation
import SkillIO

extension XMLFeedReader {
    /// Reports how the input ended. After a well-formedness error in an ASCII-compatible document, reading
    /// resynchronises: see ``recover(_:state:context:errors:path:_:)``.
    func finish(_ end: WalkEnd, state: FeedState, context: XMLInputContext, errors: XMLErrorSink,
                path: String, _ body: (IngestEvent) throws -> Void) throws {
        if context.delivered == 0, context.refused == nil, context.ioError == nil {
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: 1, offset: 0,
                                                    reason: "empty input: no XML root element", excerpt: "")))
        } else if end.status == -1, context.refused == nil, context.ioError == nil, state.kind != nil,
                  let start = Self.resyncPoint(end, state: state, context: context) {
            try recover(start, state: state, context: context, errors: errors, path: path, body)
        } else if end.status == -1 || context.refused != nil || context.ioError != nil {
            let inProgress = end.inProgress.map { " (the record starting on line \($0.line) is incomplete; "
                + "nothing after this point can be read)" } ?? " (nothing after this point can be read)"
            let reason: String
            var line = errors.first?.line ?? context.lines
            if let refused = context.refused {
                reason = refused
                line = context.lines
            } else if let io = context.ioError {
                reason = "input ends early: \(io)" + inProgress
            } else if let e = errors.first {
                reason = "malformed XML: \(e.message) (line \(e.line), column \(e.column))" + inProgress
            } else {
                reason = "malformed XML: libxml2 stopped reading" + inProgress
            }
            let offset = context.offset(ofLine: line) ?? context.delivered
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: max(1, line), offset: offset,
                                                    reason: reason, excerpt: context.excerpt(line: line))))
        } else if !state.sawRoot {
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: 1, offset: 0,
                                                    reason: "no XML root element (empty or not XML)", excerpt: "")))
        }
    }

    /// Where to look for the next record after an error: the start of the line of the record that was
    /// open (skipping the records that started earlier on that line), else of the last record's line
    /// (skipping all records started on it). Nil when those bytes are no longer kept (a record over 64 KiB
    /// or a line of more than 16,384 records ago) or the encoding is not ASCII-compatible (UTF-16/32).
    static func resyncPoint(_ end: WalkEnd, state: FeedState, context: XMLInputContext)
        -> (offset: Int, line: Int, skip: Int)? {
        if let e = state.encoding?.uppercased(), e.contains("16") || e.contains("32") || e.contains("UCS") {
            return nil
        }
        func kept(_ line: Int) -> Int? {
            guard let o = context.offset(ofLine: line), o >= context.recentStart else { return nil }
            return o
        }
        if let r = end.inProgress {
            return kept(r.line).map { ($0, r.line, r.ordinal - 1) }
        }
        if state.lastRecordLine > 0 {
            return kept(state.lastRecordLine).map { ($0, state.lastRecordLine, state.lastOrdinal) }
        }
        return context.recentStart == 0 ? (0, 1, 0) : nil
    }

    /// Continues after a well-formedness error, record by record: from the resynchronisation point the raw
    /// bytes are cut at each record start tag (`<entry`, `<item`, the `--record-path` element), and each
    /// piece up to its last record end tag is parsed as a standalone document inside the start tags (with
    /// their namespace declarations) of the elements that enclosed the last record, with the same options.
    /// A piece that is not well-formed becomes one quarantined entry with libxml2's message; every other
    /// piece delivers its records. The first error is quarantined on its own only when it lies outside every
    /// broken piece (between records). Memory stays O(largest record).
    private func recover(_ start: (offset: Int, line: Int, skip: Int), state: FeedState, context: XMLInputContext,
                         errors: XMLErrorSink, path: String, _ body: (IngestEvent) throws -> Void) throws {
        let name = state.recordName ?? state.recordPattern.last ?? "item"
        var scan = ResyncScanner(kept: context.recentBytes(from: start.offset), offset: start.offset,
                                 line: start.line, source: context.source, name: name,
                                 limit: 2 * maxRecordBytes + (1 << 16))
        let firstError = errors.first
        var firstErrorCovered = false
        func reportFirstError() throws {
            guard !firstErrorCovered else { return }
            firstErrorCovered = true
            let line = max(1, firstError?.line ?? context.lines)
            let message = firstError.map { "\($0.message) (line \($0.line), column \($0.column))" }
                ?? "libxml2 stopped reading"
            try body(.quarantined(QuarantinedRecord(
                sourcePath: path, line: line, offset: context.offset(ofLine: line) ?? context.delivered,
                reason: "malformed XML between records: " + message, excerpt: context.excerpt(line: line))))
        }
        let openTags = state.ancestors.joined()
        let closeTags = state.ancestors.reversed().map { tag -> String in
            let qname = tag.dropFirst().prefix { $0 != " " && $0 != ">" }
            return "</" + qname + ">"
        }.joined()
        let encoding = mapping.encoding.map { $0.rawValue.uppercased() }
            ?? state.encoding.flatMap { $0.uppercased() == "UTF-8" ? nil : $0 }

        var next = scan.nextStart(from: 0, keep: false)
        for _ in 0..<start.skip {
            guard let k = next else { break }
            next = scan.nextStart(from: k + 1, keep: false)
        }
        while let p = next {
            scan.drop(p)
            let q = scan.nextStart(from: 1, keep: true)
            let pieceLine = scan.line
            if let e = firstError, e.line < pieceLine { try reportFirstError() }
            if scan.overflowed {
                try body(.quarantined(QuarantinedRecord(
                    sourcePath: path, line: pieceLine, offset: scan.lineStart,
                    reason: "record of more than \(scan.limit) bytes of XML (after a malformed record) is over the limit",
                    excerpt: scan.excerpt(line: pieceLine))))
                scan.overflowed = false
                scan.drop(scan.buf.count)
                next = scan.nextStart(from: 0, keep: false)
                continue
            }
            let end = q ?? scan.buf.count
            let cut = scan.lastClose(before: end) ?? end
            let piece = Array(openTags.utf8) + scan.buf[0..<cut] + Array(closeTags.utf8)
            let failed = try parsePiece(piece, prefix: openTags.utf8.count, scan: scan, state: state,
                                        encoding: encoding, path: path, body)
            if let failed, let e = firstError, e.line >= pieceLine, e.line <= failed { firstErrorCovered = true }
            guard let q else { break }
            next = q
        }
        if let io = scan.ioError {
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: scan.line, offset: scan.lineStart,
                                                    reason: "input ends early: \(io)", excerpt: "")))
        }
        try reportFirstError()
    }

    /// Parses one record piece (already wrapped); delivers its records, or one quarantined entry when it is
    /// not well-formed. Returns nil on success, else the last input line of the piece.
    private func parsePiece(_ piece: [UInt8], prefix: Int, scan: ResyncScanner, state: FeedState,
                            encoding: String?, path: String, _ body: (IngestEvent) throws -> Void) throws -> Int? {
        var events: [IngestEvent] = []
        let errors = XMLErrorSink()
        let end: WalkEnd? = try piece.withUnsafeBufferPointer { buf in
            try buf.withMemoryRebound(to: CChar.self) { chars in
                guard let reader = Self.memoryReader(chars, path: path, encoding: encoding) else { return nil }
                defer { xmlFreeTextReader(reader) }
                Self.attach(errors, to: reader)
                return try withExtendedLifetime(errors) {
                    try walk(reader, state: state, path: path, locate: { l, node in
                        var line = l
                        if let node, xmlGetLineNo(node) > 0 { line = Int(xmlGetLineNo(node)) }
                        return scan.position(ofPieceLine: line)
                    }, { events.append($0) })
                }
            }
        }
        let lastLine = scan.line + piece.lazy.filter { $0 == 0x0A }.count
        guard let end, end.status != -1 else {
            let e = errors.first
            let pieceLine = e?.line ?? 1
            let (line, offset) = scan.position(ofPieceLine: pieceLine)
            let column = (e?.column ?? 0) - (pieceLine == 1 ? prefix - (scan.offset - scan.lineStart) : 0)
            let message = e.map { "\($0.message) (line \(line), column \(column))" } ?? "libxml2 could not read it"
            try body(.quarantined(QuarantinedRecord(
                sourcePath: path, line: line, offset: offset,
                reason: "malformed XML: \(message); the record starting on line \(scan.line) is skipped and "
                    + "reading resumes at the next <\(scan.nameText)>",
                excerpt: scan.excerpt(line: line))))
            return lastLine
        }
        for e in events { try body(e) }
        return nil
    }
}
