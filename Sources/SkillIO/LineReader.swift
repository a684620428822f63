import Foundation

/// One line of an input, without its line terminator (`\n` or `\r\n`).
public struct Line {
    /// 1-based line number.
    public var number: Int
    /// Byte offset of the line's first byte in the (decompressed) input.
    public var offset: Int
    /// The line's bytes; valid only during the callback.
    public var bytes: UnsafeBufferPointer<UInt8>
}

/// What a ``LineReader`` delivers: a line, or a line too long to keep.
public enum LineEvent {
    case line(Line)
    /// A line longer than the limit: it is skipped (never buffered whole) and reported with its length.
    case tooLong(number: Int, offset: Int, length: Int)
}

/// Splits a ``ByteSource`` into lines with bounded memory; a UTF-8 byte-order mark at the start is skipped.
///
/// Memory is O(chunk size + longest kept line); a line over `maxLineBytes` is reported and skipped.
public struct LineReader {
    public var maxLineBytes: Int
    public var chunkBytes: Int

    public init(maxLineBytes: Int = 16 << 20, chunkBytes: Int = 1 << 20) {
        self.maxLineBytes = maxLineBytes
        self.chunkBytes = chunkBytes
    }

    /// Calls `body` for every line of `source` in order. A read error (e.g. truncated gzip) is thrown after
    /// the lines read before it were delivered; a last line without a terminator is delivered.
    public func forEach(_ source: ByteSource, _ body: (LineEvent) throws -> Void) throws {
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        var pending: [UInt8] = [] // start of a line that continues in the next chunk
        var pendingTooLong = false
        var lineNumber = 1
        var lineOffset = 0
        var consumed = 0 // bytes of the input before the current chunk

        func deliver(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            var b = bytes
            if let last = b.last, last == 0x0D { b = UnsafeBufferPointer(rebasing: b.dropLast()) }
            try body(.line(Line(number: lineNumber, offset: lineOffset, bytes: b)))
        }

        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            try chunk.withUnsafeBufferPointer { buf in
                var start = 0
                if consumed == 0, n >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF {
                    start = 3 // a UTF-8 byte-order mark is not part of the first line
                    lineOffset = 3
                }
                while start < n {
                    // Find the next newline in this chunk.
                    var i = n
                    if let base = buf.baseAddress, let hit = memchr(base + start, 0x0A, n - start) {
                        i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    }
                    let segment = UnsafeBufferPointer(rebasing: buf[start..<i])
                    if i == n {
                        // No newline: keep the segment for the next chunk, unless the line is too long.
                        if !pendingTooLong {
                            if pending.count + segment.count > maxLineBytes {
                                pendingTooLong = true
                                pending.removeAll(keepingCapacity: false)
                            } else {
                                pending.append(contentsOf: segment)
                            }
                        }
                        start = n
                        break
                    }
                    let length = (consumed + i) - lineOffset
                    if pendingTooLong || length > maxLineBytes {
                        try body(.tooLong(number: lineNumber, offset: lineOffset, length: length))
                    } else if pending.isEmpty {
                        try deliver(segment)
                    } else {
                        pending.append(contentsOf: segment)
                        try pending.withUnsafeBufferPointer { try deliver($0) }
                    }
                    pending.removeAll(keepingCapacity: true)
                    pendingTooLong = false
                    lineNumber += 1
                    lineOffset = consumed + i + 1
                    start = i + 1
                }
            }
            consumed += n
        }
        let length = consumed - lineOffset
        if length > 0 {
            if pendingTooLong || length > maxLineBytes {
                try body(.tooLong(number: lineNumber, offset: lineOffset, length: length))
            } else {
                try pending.withUnsafeBufferPointer { try deliver($0) }
            }
        }
    }
}
