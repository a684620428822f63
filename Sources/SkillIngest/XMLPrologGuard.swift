/// Watches the bytes before the root element and refuses a DOCTYPE with an internal subset.
///
/// NUL bytes are ignored, so the ASCII markup of UTF-16 documents is recognized too.
struct PrologGuard {
    private enum State { case text, lt, pi, piQ, bang, bangDash, comment, dash1, dash2, doctype }
    private var state = State.text
    private var quote: UInt8 = 0
    private(set) var done = false
    /// In the chunk that was refused: line breaks before the refusal and where the refused line starts.
    private(set) var newlines = 0
    private(set) var lineStart = 0

    /// Feeds bytes; returns the refusal reason when the prolog declares an internal subset.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> String? {
        newlines = 0
        lineStart = 0
        for (i, b) in bytes.enumerated() where b != 0 {
            if b == 0x0A {
                newlines += 1
                lineStart = i + 1
            }
            switch state {
            case .text: if b == UInt8(ascii: "<") { state = .lt }
            case .lt:
                switch b {
                case UInt8(ascii: "?"): state = .pi
                case UInt8(ascii: "!"): state = .bang
                default: done = true; return nil
                }
            case .pi: if b == UInt8(ascii: "?") { state = .piQ }
            case .piQ: state = b == UInt8(ascii: ">") ? .text : b == UInt8(ascii: "?") ? .piQ : .pi
            case .bang: state = b == UInt8(ascii: "-") ? .bangDash : .doctype
            case .bangDash: state = b == UInt8(ascii: "-") ? .comment : .doctype
            case .comment: if b == UInt8(ascii: "-") { state = .dash1 }
            case .dash1: state = b == UInt8(ascii: "-") ? .dash2 : .comment
            case .dash2: state = b == UInt8(ascii: ">") ? .text : b == UInt8(ascii: "-") ? .dash2 : .comment
            case .doctype:
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == UInt8(ascii: "[") {
                    return "XML document declares a DTD internal subset (entity declarations); refused: "
                        + "entities are never expanded, to rule out entity-expansion and external-entity attacks"
                } else if b == UInt8(ascii: ">") {
                    state = .text
                }
            }
        }
        return nil
    }
}
