// fuzz-modules: SkillIO
// Text encodings: `Transcoder` (UTF-16LE/BE, ISO-8859-1, ISO-8859-15, Windows-1252 to UTF-8) and
// `ByteSource(path:encoding:)` (byte-order-mark sniffing) on the input written to a scratch file.
//
// Invariants: output is valid UTF-8; decoding in chunks of any size gives the same bytes as decoding
// whole; UTF-16 agrees with the standard library's UTF-16 decoder (unpaired surrogates become U+FFFD) plus
// one U+FFFD for an odd trailing byte; ISO-8859-1 maps each byte to the same code point; ISO-8859-15
// differs from it at exactly its eight positions; Windows-1252 agrees with the WHATWG table; a
// `ByteSource` in text mode delivers what the transcoder gives for the bytes after a UTF-16 byte-order
// mark (a UTF-8 mark passes through), or for the requested encoding when there is no mark.
import Foundation
import SkillIO

private let latin9: [UInt8: UInt32] = [0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E,
                                       0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178]
/// WHATWG windows-1252, 0x80–0x9F (undefined bytes map to the C1 control of the same value).
private let cp1252: [UInt32] = [0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160,
                                0x2039, 0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178]

private func reference(_ bytes: ArraySlice<UInt8>, _ e: TextEncoding) -> [UInt8] {
    func scalars(_ f: (UInt8) -> UInt32) -> [UInt8] {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(Unicode.Scalar(f(b))!) }
        return Array(String(s).utf8)
    }
    switch e {
    case .utf8: return Array(bytes)
    case .latin1: return scalars { UInt32($0) }
    case .latin9: return scalars { latin9[$0] ?? UInt32($0) }
    case .windows1252: return scalars { $0 >= 0x80 && $0 <= 0x9F ? cp1252[Int($0 - 0x80)] : UInt32($0) }
    case .utf16LE, .utf16BE:
        let b = Array(bytes)
        var units: [UInt16] = []
        var i = 0
        while i + 1 < b.count {
            units.append(e == .utf16LE ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1]))
            i += 2
        }
        var out = Array(String(decoding: units, as: UTF16.self).utf8)
        if b.count % 2 == 1 { out += [0xEF, 0xBF, 0xBD] }
        return out
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunk = 1 + size % 7
    for e in TextEncoding.allCases {
        let whole = Transcoder.utf8(bytes, from: e)
        if e != .utf8 { require(isValidUTF8(whole), "\(e) output is not valid UTF-8") }
        var t = Transcoder(e)
        var pieces: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let j = min(bytes.count, i + chunk)
            bytes[i..<j].withUnsafeBytes { t.decode($0, into: &pieces) }
            i = j
        }
        t.finish(into: &pieces)
        require(pieces == whole, "\(e): decoding in chunks of \(chunk) differs from decoding whole")
        let want = reference(bytes[...], e)
        // crashes/transcoder--high-surrogate-then-odd-byte: one U+FFFD for both at the end.
        let known = skipKnownIssues && whole + [0xEF, 0xBF, 0xBD] == want
        require(known || whole == want, "\(e): \(String(decoding: whole, as: UTF8.self).debugDescription) but reference \(String(decoding: want, as: UTF8.self).debugDescription)")
    }

    let path = ScratchFile.write(bytes, name: "text.txt")
    for requested in [nil, TextEncoding.latin9, .utf16BE] {
        var expected: [UInt8]
        if bytes.starts(with: [0xFF, 0xFE]) { expected = Transcoder.utf8(Array(bytes[2...]), from: .utf16LE) }
        else if bytes.starts(with: [0xFE, 0xFF]) { expected = Transcoder.utf8(Array(bytes[2...]), from: .utf16BE) }
        else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { expected = bytes }
        else { expected = Transcoder.utf8(bytes, from: requested ?? .utf8) }
        if looksGzipped(bytes) { continue }
        do {
            let got = try ByteSource(path: path, encoding: requested).readAll()
            require(got == expected, "ByteSource(encoding: \(String(describing: requested))) delivered \(got.count) bytes, expected \(expected.count)")
        } catch {
            require(false, "ByteSource threw on a plain file: \(error)")
        }
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    func le(_ s: String) -> [UInt8] { Array(s.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    return HostileSeeds.all + [
        ("utf16le-bom", [0xFF, 0xFE] + le("Zürich 😀 C++")),
        ("utf16be-bom", [0xFE, 0xFF] + Array("x😀".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
        ("lone-surrogates", [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00, 0x00, 0xDC, 0x00, 0xD8]),
        ("high-then-odd", [0xFF, 0xFE, 0x3D, 0xD8, 0x41]),
        ("latin", Array(0x80...0xFF)),
    ]
}
