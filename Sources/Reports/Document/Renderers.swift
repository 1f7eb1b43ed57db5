import IndexCore

/// Renders a ``ReportDocument`` as one self-contained HTML page: inline CSS and SVG, no
/// JavaScript, nothing fetched, laid out for A4 printing. Every text goes through ``HTML/escape(_:)``.
public enum HTMLRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(document.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTML.escape(document.title))</title>\n<style>\(stylesheet)</style>\n</head>\n<body>\n<main>\n"
        for block in document.blocks { out += render(block, in: document) + "\n" }
        return out + "</main>\n</body>\n</html>\n"
    }

    static func render(_ block: ReportDocument.Block, in document: ReportDocument) -> String {
        switch block {
        case .heading(let level, let text, let anchor):
            return "<h\(level)\(anchor.map { " id=\"\(HTML.escape($0))\"" } ?? "")>\(HTML.escape(text))</h\(level)>"
        case .paragraph(let text):
            return "<p>\(HTML.escape(text))</p>"
        case .list(let items):
            return "<ul>" + items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        case .links(let links):
            return "<ul class=\"links\">" + links.map { "<li><a href=\"\(HTML.escape(document.relativeLink(to: $0.target, extension: "html")))\">\(HTML.escape($0.text))</a></li>" }.joined() + "</ul>"
        case .table(let table):
            return render(table, in: document)
        case .figure(let figure):
            return figureHTML(figure)
        case .row(let figures):
            return "<div class=\"row\">" + figures.map(figureHTML).joined() + "</div>"
        case .pageBreak:
            return "<div class=\"page-break\"></div>"
        }
    }

    static func figureHTML(_ figure: ReportDocument.Figure) -> String {
        "<figure>\(figure.svg)<figcaption>\(HTML.escape(figure.caption))</figcaption></figure>"
    }

    static func render(_ table: ReportDocument.Table, in document: ReportDocument) -> String {
        var out = "<table>"
        if let caption = table.caption { out += "<caption>\(HTML.escape(caption))</caption>" }
        out += "<thead><tr>" + table.headers.enumerated().map { i, header in
            "<th\(table.alignments[i] == .right ? " class=\"r\"" : "")>\(HTML.escape(header))</th>"
        }.joined() + "</tr></thead><tbody>"
        for row in table.rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                var classes: [String] = []
                if i < table.alignments.count, table.alignments[i] == .right { classes.append("r") }
                var style = ""
                if let heat = cell.heat {
                    let color = ColorScale.color(heat)
                    style = " style=\"background:\(color.fill);color:\(color.text)\""
                }
                var content = HTML.escape(cell.text)
                if let link = cell.link { content = "<a href=\"\(HTML.escape(document.relativeLink(to: link, extension: "html")))\">\(content)</a>" }
                if let bar = cell.bar, !bar.isNaN {
                    classes.append("bar")
                    content = "<span class=\"b\" style=\"width:\(SVGCanvas.number(min(max(bar, 0), 1) * 100))%\"></span><span class=\"v\">\(content)</span>"
                }
                out += "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")\(style)>\(content)</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// The page style: A4 print layout, compact tables that repeat their header on each page.
    static let stylesheet = """
    @page{size:A4;margin:14mm 12mm}
    body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10pt;color:#222;margin:0;line-height:1.35}
    main{max-width:1080px;margin:0 auto;padding:16px 24px}
    h1{font-size:18pt;margin:0 0 6px}h2{font-size:14pt;margin:18px 0 6px;border-bottom:2px solid #225ea8}
    h3{font-size:11.5pt;margin:12px 0 4px}p{margin:4px 0 8px}
    table{border-collapse:collapse;margin:6px 0 12px;font-size:8.5pt;width:100%}
    caption{text-align:left;font-weight:bold;padding:2px 0}
    th,td{border:1px solid #ccc;padding:2px 4px;vertical-align:top;overflow-wrap:anywhere}
    th{background:#eef2f7;font-weight:bold;text-align:left}
    .r{text-align:right;white-space:nowrap}thead{display:table-header-group}tr{break-inside:avoid}
    td.bar{position:relative;min-width:90px}td.bar .b{position:absolute;left:0;top:2px;bottom:2px;background:#c6dbef}
    td.bar .v{position:relative}
    figure{margin:6px 0 12px;break-inside:avoid}figure svg{max-width:100%;height:auto}
    figcaption{font-size:8.5pt;color:#555}
    .row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
    ul.links{columns:3;font-size:9pt}
    .page-break{break-after:page}
    @media print{main{padding:0;max-width:none}a{color:inherit;text-decoration:none}}
    """
}

/// Renders a ``ReportDocument`` as Markdown (GitHub flavour): the same headings, paragraphs and
/// tables as the HTML page; figures as links to their SVG files. Text is escaped so that names
/// cannot inject markup.
public enum MarkdownRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var parts: [String] = []
        for block in document.blocks {
            switch block {
            case .heading(let level, let text, _):
                parts.append(String(repeating: "#", count: level) + " " + escape(text))
            case .paragraph(let text):
                parts.append(escape(text))
            case .list(let items):
                parts.append(items.map { "- " + escape($0) }.joined(separator: "\n"))
            case .links(let links):
                parts.append(links.map { "- [\(escape($0.text))](\(document.relativeLink(to: $0.target, extension: "md")))" }.joined(separator: "\n"))
            case .table(let table):
                parts.append(render(table, in: document))
            case .figure(let figure):
                parts.append(figureMarkdown(figure, in: document))
            case .row(let figures):
                parts.append(figures.map { figureMarkdown($0, in: document) }.joined(separator: "\n\n"))
            case .pageBreak:
                continue
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    static func figureMarkdown(_ figure: ReportDocument.Figure, in document: ReportDocument) -> String {
        guard let file = figure.fileName else { return "*\(escape(figure.caption))*" }
        return "![\(escape(figure.caption))](\(document.relativeLink(to: "figures/" + file, extension: "svg")))"
    }

    static func render(_ table: ReportDocument.Table, in document: ReportDocument) -> String {
        var lines: [String] = []
        if let caption = table.caption { lines.append("**\(escape(caption))**\n") }
        lines.append("| " + table.headers.map(escape).joined(separator: " | ") + " |")
        lines.append("|" + table.alignments.map { $0 == .right ? "---:|" : "---|" }.joined())
        for row in table.rows {
            lines.append("| " + row.map { cell in
                let text = escape(cell.text)
                return cell.link.map { "[\(text)](\(document.relativeLink(to: $0, extension: "md")))" } ?? text
            }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// Escapes Markdown and HTML syntax: a backslash before punctuation Markdown interprets,
    /// `<`, `>` and `&` as character references, line breaks as spaces, control and
    /// bidirectional formatting characters (see ``InputText``) as U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in InputText.displayable(text, keepingLineBreaks: true) {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!": out += "\\" + String(character)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
