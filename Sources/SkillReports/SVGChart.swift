import Foundation

/// Self-contained SVG charts of shares in [0, 1]: multi-series line chart, horizontal bar chart and paired
/// bar chart. Output uses presentation attributes only (no CSS classes, ids, scripts or external references)
/// so each `<svg>` is well-formed XML on its own and can be inlined into HTML or saved as a file.
public enum SVGChart {
    /// One line of a line chart: a label and one value per category (`nil` = no data for that category).
    public struct Series: Sendable, Hashable {
        public var label: String
        public var values: [Double?]

        public init(label: String, values: [Double?]) {
            self.label = label
            self.values = values
        }
    }

    /// One bar of a horizontal bar chart.
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    /// Two values for one label, drawn as a pair of bars (e.g. demand share vs supply share).
    public struct BarPair: Sendable, Hashable {
        public var label: String
        public var first: Double
        public var second: Double

        public init(label: String, first: Double, second: Double) {
            self.label = label
            self.first = first
            self.second = second
        }
    }

    /// Fixed, colour-blind-friendly palette (Okabe–Ito without yellow, plus three Tol colours); series beyond
    /// its length reuse the colours with a dash pattern.
    public static let palette: [String] = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
        "#56B4E9", "#000000", "#882255", "#44AA99", "#999933",
    ]

    /// Colour of the series at `index`.
    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// Dash pattern of the series at `index` (`nil` = solid) so that colours repeated after the palette
    /// runs out stay distinguishable.
    static func dash(_ index: Int) -> String? {
        let patterns: [String?] = [nil, "6 3", "2 3", "8 3 2 3"]
        return patterns[(index / palette.count) % patterns.count]
    }
}

// MARK: - Shared drawing helpers

extension SVGChart {
    static let width = 760.0
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
    static let axisColor = "#555555"
    static let gridColor = "#DDDDDD"
    static let textColor = "#222222"

    /// Opening tag (with accessible `<title>`) of a chart of the given height.
    static func open(height: Double, title: String) -> String {
        let h = coord(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(coord(width))\" height=\"\(h)\" "
            + "viewBox=\"0 0 \(coord(width)) \(h)\" role=\"img\" font-family=\"\(fontFamily)\" "
            + "font-size=\"12\" fill=\"\(textColor)\"><title>\(Escaping.html(title))</title>"
    }

    static let close = "</svg>"

    /// A chart that only says that there is nothing to draw.
    static func placeholder(title: String, message: String) -> String {
        open(height: 60, title: title)
            + text(x: width / 2, y: 34, message, anchor: "middle", extra: "font-style=\"italic\"")
            + close
    }

    /// A `<text>` element; `content` is escaped here.
    static func text(x: Double, y: Double, _ content: String, anchor: String = "start",
                     extra: String = "") -> String {
        let attributes = extra.isEmpty ? "" : " " + extra
        return "<text x=\"\(coord(x))\" y=\"\(coord(y))\" text-anchor=\"\(anchor)\"\(attributes)>"
            + Escaping.html(content) + "</text>"
    }

    /// A `<line>` element.
    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                     width strokeWidth: Double = 1) -> String {
        "<line x1=\"\(coord(x1))\" y1=\"\(coord(y1))\" x2=\"\(coord(x2))\" y2=\"\(coord(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(coord(strokeWidth))\"/>"
    }

    /// A `<rect>` element with an optional tooltip.
    static func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String,
                     tooltip: String? = nil) -> String {
        let start = "<rect x=\"\(coord(x))\" y=\"\(coord(y))\" width=\"\(coord(max(0, w)))\" "
            + "height=\"\(coord(max(0, h)))\" fill=\"\(fill)\""
        guard let tooltip else { return start + "/>" }
        return start + "><title>\(Escaping.html(tooltip))</title></rect>"
    }

    /// Coordinates with one decimal, locale-independent.
    static func coord(_ value: Double) -> String { Formatting.fixed(value, decimals: 1) }

    /// A label on one line (line breaks and tabs become spaces) of at most `limit` characters, with an
    /// ellipsis when cut (the full label goes in tooltips).
    static func truncate(_ label: String, to limit: Int) -> String {
        let oneLine = String(label.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        guard oneLine.count > limit, limit > 1 else { return oneLine }
        return String(oneLine.prefix(limit - 1)) + "…"
    }

    /// Finite, non-negative value for drawing.
    static func clamp(_ value: Double) -> Double { value.isFinite ? max(0, value) : 0 }
}

// MARK: - Share axis

/// A "nice" 0…max axis for shares, with tick positions and percent labels.
struct ShareScale {
    let maximum: Double
    let ticks: [Double]
    private let decimals: Int

    init(maxValue: Double) {
        let top = maxValue.isFinite && maxValue > 0 ? maxValue : 0.01
        let steps = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]
        let step = steps.first { (top / $0).rounded(.up) <= 5 } ?? (top / 5)
        let count = max(1, Int((top / step - 1e-9).rounded(.up)))
        maximum = Double(count) * step
        ticks = (0...count).map { Double($0) * step }
        // Fewest decimals that show the step (hence every tick) exactly: 0.0025 → 2 (`0.25%`).
        decimals = (0...3).first { d in
            let scaled = step * 100 * pow(10, Double(d))
            return abs(scaled.rounded() - scaled) < 1e-6
        } ?? 3
    }

    /// Position of `value` along an axis of `length` (0 at the origin).
    func scaled(_ value: Double, length: Double) -> Double {
        min(SVGChart.clamp(value), maximum) / maximum * length
    }

    /// Tick label, e.g. `12.5%`.
    func label(_ value: Double) -> String { Formatting.fixed(value * 100, decimals: decimals) + "%" }
}
