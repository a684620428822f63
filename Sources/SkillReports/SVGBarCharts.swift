/// Horizontal bar chart and paired (grouped) bar chart. Bars are horizontal so that long skill labels stay
/// readable; each bar carries its value as text and a tooltip with the full label.
extension SVGChart {
    private enum BarLayout {
        static let labelWidth = 236.0
        static let labelLimit = 32
        static let valueSpace = 64.0
        static let top = 12.0
        static let axisSpace = 28.0
        static var plotLeft: Double { labelWidth + 12 }
        static var plotWidth: Double { SVGChart.width - plotLeft - valueSpace }
    }

    /// One bar per item, value as share of postings. Returns a "no data" chart when `bars` is empty.
    public static func barChart(title: String, bars: [Bar], color: String = palette[0]) -> String {
        guard !bars.isEmpty else { return placeholder(title: title, message: "No data to chart.") }
        let rowHeight = 22.0
        let scale = ShareScale(maxValue: bars.map { clamp($0.value) }.max() ?? 0)
        let plotHeight = Double(bars.count) * rowHeight
        var svg = open(height: BarLayout.top + plotHeight + BarLayout.axisSpace, title: title)
        svg += valueAxis(scale, top: BarLayout.top, height: plotHeight)
        for (index, bar) in bars.enumerated() {
            let y = BarLayout.top + Double(index) * rowHeight
            svg += rowLabel(bar.label, centerY: y + rowHeight / 2)
            svg += valueBar(bar.value, label: bar.label, y: y + 4, height: rowHeight - 8, color: color, scale: scale)
        }
        return svg + close
    }

    /// Two bars per item (first and second value, e.g. demand share vs supply share) with a legend naming
    /// the two series. Returns a "no data" chart when `pairs` is empty.
    public static func pairedBarChart(title: String, firstName: String, secondName: String,
                                      pairs: [BarPair]) -> String {
        guard !pairs.isEmpty else { return placeholder(title: title, message: "No data to chart.") }
        let barHeight = 11.0
        let groupHeight = 2 * barHeight + 12
        let legendHeight = 24.0
        let top = BarLayout.top + legendHeight
        let scale = ShareScale(maxValue: pairs.flatMap { [clamp($0.first), clamp($0.second)] }.max() ?? 0)
        let plotHeight = Double(pairs.count) * groupHeight
        var svg = open(height: top + plotHeight + BarLayout.axisSpace, title: title)
        svg += pairLegend(firstName: firstName, secondName: secondName, y: BarLayout.top)
        svg += valueAxis(scale, top: top, height: plotHeight)
        for (index, pair) in pairs.enumerated() {
            let y = top + Double(index) * groupHeight + 6
            svg += rowLabel(pair.label, centerY: y + barHeight)
            svg += valueBar(pair.first, label: "\(pair.label) — \(firstName)", y: y, height: barHeight,
                            color: color(0), scale: scale)
            svg += valueBar(pair.second, label: "\(pair.label) — \(secondName)", y: y + barHeight,
                            height: barHeight, color: color(1), scale: scale)
        }
        return svg + close
    }

    /// Vertical grid lines with percent ticks below the plot.
    private static func valueAxis(_ scale: ShareScale, top: Double, height: Double) -> String {
        var out = "<g>"
        for tick in scale.ticks {
            let x = BarLayout.plotLeft + scale.scaled(tick, length: BarLayout.plotWidth)
            out += line(x1: x, y1: top, x2: x, y2: top + height, stroke: tick == 0 ? axisColor : gridColor)
            out += text(x: x, y: top + height + 16, scale.label(tick), anchor: "middle")
        }
        return out + "</g>"
    }

    private static func rowLabel(_ label: String, centerY: Double) -> String {
        "<g><title>\(Escaping.html(label))</title>"
            + text(x: BarLayout.labelWidth, y: centerY + 4, truncate(label, to: BarLayout.labelLimit), anchor: "end")
            + "</g>"
    }

    private static func valueBar(_ value: Double, label: String, y: Double, height: Double, color: String,
                                 scale: ShareScale) -> String {
        let length = scale.scaled(value, length: BarLayout.plotWidth)
        let valueText = Formatting.percent(value)
        return rect(x: BarLayout.plotLeft, y: y, width: length, height: height, fill: color,
                    tooltip: "\(label): \(valueText)")
            + text(x: BarLayout.plotLeft + length + 4, y: y + height - 2, valueText,
                   extra: "font-size=\"11\"")
    }

    private static func pairLegend(firstName: String, secondName: String, y: Double) -> String {
        var out = "<g>"
        var x = BarLayout.plotLeft
        for (index, name) in [firstName, secondName].enumerated() {
            out += rect(x: x, y: y, width: 14, height: 10, fill: color(index))
            out += text(x: x + 20, y: y + 9, truncate(name, to: 30))
            x += 200
        }
        return out + "</g>"
    }
}
