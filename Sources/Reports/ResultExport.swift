import Foundation
import Formats
import IndexCore

/// Exports computed results and the observations (answers) behind them as `.xlsx` workbooks and
/// CSV text, safe to open in a spreadsheet: every text from outside (unit ids and names, text
/// answers) goes through ``SpreadsheetSafety`` — prefixed with an apostrophe in CSV when
/// formula-like, stored as a string cell with `quotePrefix` in XLSX.
public enum ResultExport {
    /// The answers the results were computed from, in the shape of survey CSV input: period,
    /// block, id, name, then one column per field (yes/no as 1/0, choices as their value).
    public static func observationsCSV(_ result: IndexResult) -> String {
        let fields = result.methodology.fields
        var lines = [CSVWriter.line(["period", "block", "id", "name"] + fields.map(\.id))]
        for block in result.blocks {
            for u in block.units.indices {
                let unit = block.data.answers(u)
                var cells = [unit.period.map(String.init) ?? result.period.map(String.init) ?? "", block.plan.block.id, unit.unitID, unit.name]
                for field in fields {
                    cells.append(unit.texts[field.id] ?? unit.values[field.id].map(CSVWriter.number) ?? "")
                }
                lines.append(CSVWriter.line(cells))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A workbook with one results sheet per block (rank, id, name, index, every node's score)
    /// and an observations sheet (every answer), with frozen headers and labels in `language`.
    public static func workbook(_ result: IndexResult, language: Language) -> XLSXWorkbook {
        func say(_ message: Message) -> String { message.text(in: language) }
        let header = XLSXStyle.header
        // Scores shown to the published decimals (the cell keeps the unrounded number).
        let scoreStyle = XLSXStyle(numberFormat: XLSXStyle.NumberFormat.fixed(result.methodology.ranking.decimals ?? 4))
        var sheets: [XLSXSheet] = []
        for block in result.blocks {
            var sheet = XLSXSheet(name: XLSXSheetName.unique(block.plan.block.id, taken: sheets.map(\.name)))
            let nodes = block.plan.nodes.indices.filter { $0 != block.plan.rootIndex }
                .sorted { order(result, block.plan.nodes[$0].id) < order(result, block.plan.nodes[$1].id) }
            let headers = [say(.reportRank), say(.reportId), say(.reportUnit), say(.reportIndex)]
                + nodes.map { "\(block.plan.nodes[$0].id) \(block.plan.nodes[$0].label[language])" }
            for (column, text) in headers.enumerated() {
                sheet.set(XLSXCellReference(column: column + 1, row: 1), .text(text), style: header)
            }
            let root = block.plan.rootIndex
            for (offset, u) in block.rankedUnitIndices.enumerated() {
                let row = offset + 2
                let unit = block.units[u]
                sheet.set(XLSXCellReference(column: 1, row: row), block.rank[root][u] == 0 ? .empty : .number(Double(block.rank[root][u])))
                sheet.set(XLSXCellReference(column: 2, row: row), .text(unit.unitID))
                sheet.set(XLSXCellReference(column: 3, row: row), .text(unit.name))
                sheet.set(XLSXCellReference(column: 4, row: row), value(block.score[root][u]), style: scoreStyle)
                for (index, node) in nodes.enumerated() {
                    sheet.set(XLSXCellReference(column: 5 + index, row: row), value(block.score[node][u]), style: scoreStyle)
                }
            }
            sheet.columnWidths = [1: 7, 2: 24, 3: 32, 4: 10]
            sheet.frozenRows = 1
            sheet.frozenColumns = 3
            sheets.append(sheet)
        }
        var observations = XLSXSheet(name: XLSXSheetName.unique(say(.exportObservationsSheet), taken: sheets.map(\.name)))
        let fields = result.methodology.fields
        let headers = [say(.exportPeriod), say(.reportBlock), say(.reportId), say(.reportUnit)] + fields.map(\.id)
        for (column, text) in headers.enumerated() {
            observations.set(XLSXCellReference(column: column + 1, row: 1), .text(text), style: header)
        }
        var row = 1
        for block in result.blocks {
            for u in block.units.indices {
                let unit = block.data.answers(u)
                row += 1
                let period = unit.period ?? result.period
                observations.set(XLSXCellReference(column: 1, row: row), period.map { .number(Double($0)) } ?? .empty)
                observations.set(XLSXCellReference(column: 2, row: row), .text(block.plan.block.id))
                observations.set(XLSXCellReference(column: 3, row: row), .text(unit.unitID))
                observations.set(XLSXCellReference(column: 4, row: row), .text(unit.name))
                for (index, field) in fields.enumerated() {
                    let cell = XLSXCellReference(column: 5 + index, row: row)
                    if let text = unit.texts[field.id] {
                        observations.set(cell, .text(text))
                    } else if let number = unit.values[field.id] {
                        observations.set(cell, value(number))
                    }
                }
            }
        }
        observations.frozenRows = 1
        observations.frozenColumns = 4
        observations.columnWidths = [3: 24, 4: 32]
        sheets.append(observations)
        return XLSXWorkbook(sheets: sheets, stringStorage: .shared, protectsFormulaLikeText: true)
    }

    // MARK: Helpers

    static func nodeIDs(_ result: IndexResult) -> [String] {
        result.methodology.allNodes.dropFirst().map(\.id).filter { id in result.blocks.contains { $0.plan.index(of: id) != nil } }
    }

    static func order(_ result: IndexResult, _ id: String) -> Int {
        result.methodology.allNodes.firstIndex { $0.id == id } ?? .max
    }

    static func value(_ number: Double) -> XLSXValue { number.isNaN ? .empty : .number(number) }
}
