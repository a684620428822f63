/// Multi-series line chart: one `<path>` per series, markers at each point, period ticks on the x axis,
/// share of postings (%) on the y axis and a legend below the plot.
extension SVGChart {
    private enum LineLayout {
        static let left = 64.0
        static let right = 40.0
        static let top = 16.0
        static let plotHeight = 240.0
        static let maxXLabels = 12
        static let legendColumns = 3
        static let legendRowHeight = 20.0
        static let legendLabelLimit = 26
        static var plotWidth: Double { SVGChart.width - left - right }
        static var plotBottom: Double { top + plotHeight }
        static var legendTop: Double { plotBottom + 44 }
    }

    /// A line chart of shares per category (period). Returns a "no data" chart when there are no series or
    /// no categories; a single category is drawn as one marker per series.
    public static func lineChart(title: String, categories: [String], series: [Series]) -> String {
        guard !categories.isEmpty, !series.isEmpty else {
            return placeholder(title: title, message: "No data to chart.")
        }
        let allValues = series.flatMap { $0.values.compactMap { $0 } }
        let scale = ShareScale(maxValue: allValues.map(clamp).max() ?? 0)
        let rows = (series.count + LineLayout.legendColumns - 1) / LineLayout.legendColumns
        let height = LineLayout.legendTop + Double(rows) * LineLayout.legendRowHeight + 8
        var svg = open(height: height, title: title)
        svg += yAxis(scale)
        svg += xAxis(categories)
        for (index, s) in series.enumerated() {
            svg += seriesGroup(s, index: index, categories: categories, scale: scale)
        }
        svg += legend(series)
        return svg + close
    }

    /// x position of category `index` of `count`.
    private static func xPosition(_ index: Int, of count: Int) -> Double {
        guard count > 1 else { return LineLayout.left + LineLayout.plotWidth / 2 }
        return LineLayout.left + Double(index) * LineLayout.plotWidth / Double(count - 1)
    }

    private static func yPosition(_ value: Double, _ scale: ShareScale) -> Double {
        LineLayout.plotBottom - scale.scaled(value, length: LineLayout.plotHeight)
    }

    private static func yAxis(_ scale: ShareScale) -> String {
        var out = "<g>"
        for tick in scale.ticks {
            let y = yPosition(tick, scale)
            out += line(x1: LineLayout.left, y1: y, x2: LineLayout.left + LineLayout.plotWidth, y2: y,
                        stroke: tick == 0 ? axisColor : gridColor)
            out += text(x: LineLayout.left - 6, y: y + 4, scale.label(tick), anchor: "end")
        }
        out += text(x: 14, y: LineLayout.top + LineLayout.plotHeight / 2, "Share of postings",
                    anchor: "middle",
                    extra: "transform=\"rotate(-90 14 \(coord(LineLayout.top + LineLayout.plotHeight / 2)))\"")
        return out + "</g>"
    }

    private static func xAxis(_ categories: [String]) -> String {
        let every = max(1, (categories.count + LineLayout.maxXLabels - 1) / LineLayout.maxXLabels)
        var out = "<g>"
        for (index, category) in categories.enumerated() where index % every == 0 {
            let x = xPosition(index, of: categories.count)
            out += line(x1: x, y1: LineLayout.plotBottom, x2: x, y2: LineLayout.plotBottom + 5, stroke: axisColor)
            out += text(x: x, y: LineLayout.plotBottom + 18, truncate(category, to: 12), anchor: "middle")
        }
        return out + "</g>"
    }

    /// One series: a single `<path>` (broken where values are missing) plus a marker per point.
    private static func seriesGroup(_ s: Series, index: Int, categories: [String], scale: ShareScale) -> String {
        let color = color(index)
        var d = ""
        var penDown = false
        var markers = ""
        let radius = categories.count == 1 ? 5 : 3  // a lone point is all there is to see
        for (i, _) in categories.enumerated() {
            guard i < s.values.count, let value = s.values[i] else {
                penDown = false
                continue
            }
            let x = xPosition(i, of: categories.count)
            let y = yPosition(value, scale)
            d += (d.isEmpty ? "" : " ") + (penDown ? "L" : "M") + "\(coord(x)) \(coord(y))"
            penDown = true
            let tip = "\(s.label) — \(categories[i]): \(Formatting.percent(value))"
            markers += "<circle cx=\"\(coord(x))\" cy=\"\(coord(y))\" r=\"\(radius)\" fill=\"\(color)\">"
                + "<title>\(Escaping.html(tip))</title></circle>"
        }
        let dashAttribute = dash(index).map { " stroke-dasharray=\"\($0)\"" } ?? ""
        let path = "<path d=\"\(d.isEmpty ? "M0 0" : d)\" fill=\"none\" stroke=\"\(color)\" "
            + "stroke-width=\"2\" stroke-linejoin=\"round\"\(dashAttribute)><title>"
            + Escaping.html(s.label) + "</title></path>"
        return "<g>" + path + markers + "</g>"
    }

    private static func legend(_ series: [Series]) -> String {
        let columnWidth = (width - LineLayout.left - LineLayout.right) / Double(LineLayout.legendColumns)
        var out = "<g>"
        for (index, s) in series.enumerated() {
            let x = LineLayout.left + Double(index % LineLayout.legendColumns) * columnWidth
            let y = LineLayout.legendTop + Double(index / LineLayout.legendColumns) * LineLayout.legendRowHeight
            let dashAttribute = dash(index).map { " stroke-dasharray=\"\($0)\"" } ?? ""
            out += "<g><title>\(Escaping.html(s.label))</title>"
            out += "<line x1=\"\(coord(x))\" y1=\"\(coord(y - 4))\" x2=\"\(coord(x + 22))\" y2=\"\(coord(y - 4))\" "
                + "stroke=\"\(color(index))\" stroke-width=\"3\"\(dashAttribute)/>"
            out += text(x: x + 28, y: y, truncate(s.label, to: LineLayout.legendLabelLimit)) + "</g>"
        }
        return out + "</g>"
    }
}
