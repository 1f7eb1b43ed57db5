import IndexCore

/// Renders a ``ReportDocument`` as one self-contained HTML page: inline CSS and SVG, no
/// JavaScript, nothing fetched, laid out for A4 printing. Every text goes through ``HTML/escape(_:)``.
public enum HTMLRenderer {
    /// The page as HTML5 text, the same bytes for the same document.
    public static func render(_ document: ReportDocument) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(document.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTML.escape(document.title))</title>\n<style>\(stylesheet)</style>\n</head>\n<body>\n<main>\n"
        for block in document.blocks { out += render(block, in: document) + "\n" }
        out += "</main>\n"
        if let footer = document.footer { out += "<footer>\(HTML.escape(footer))</footer>\n" }
        return out + "</body>\n</html>\n"
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
        case .contents(let entries):
            return "<nav class=\"toc\"><ol>" + entries.map { "<li><a href=\"#\(HTML.escape($0.anchor))\">\(HTML.escape($0.text))</a></li>" }.joined() + "</ol></nav>"
        case .downloads(let files):
            return "<ul class=\"downloads\">" + files.map { "<li><a href=\"\(HTML.escape(document.relativeLink(toFile: $0.file)))\">\(HTML.escape($0.text))</a></li>" }.joined() + "</ul>"
        case .back(let text, let target):
            return "<nav class=\"back\"><a href=\"\(HTML.escape(document.relativeLink(to: target, extension: "html")))\">\(HTML.escape(text))</a></nav>"
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
        guard let narrow = figure.narrowSVG else { return "<figure>\(figure.svg)<figcaption>\(HTML.escape(figure.caption))</figcaption></figure>" }
        // Both drawings in the page, one shown by the stylesheet: a phone gets the chart drawn
        // for its width (legible text, no sideways scrolling), print and desktop the full one.
        return "<figure><div class=\"wide\">\(figure.svg)</div><div class=\"narrow\">\(narrow)</div><figcaption>\(HTML.escape(figure.caption))</figcaption></figure>"
    }

    /// Tables with more columns than this are shown as one card per row on narrow screens.
    static let stackedAbove = 6

    /// Whether a table becomes one card per row on a phone: a wide table of text (what-if,
    /// explanation, indicators). Heat tables stay tables: their short numbers fit, and a colour
    /// is read along a row.
    static func isStacked(_ table: ReportDocument.Table) -> Bool {
        table.headers.count > stackedAbove && !table.rows.contains { $0.contains { $0.heat != nil } }
    }

    static func render(_ table: ReportDocument.Table, in document: ReportDocument) -> String {
        // Wide tables scroll inside their own box instead of widening the page; on a phone the
        // widest become cards, each cell labelled with its column's header.
        let stacked = isStacked(table)
        var out = "<div class=\"tw\"><table\(stacked ? " class=\"stack\"" : "")>"
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
                    // The number, then the bar in a track of its own: beside it on a wide
                    // screen, below it on a narrow one; never under the digits.
                    classes.append("bar")
                    content = "<span class=\"v\">\(content)</span><span class=\"t\"><span class=\"b\" style=\"width:\(SVGCanvas.number(min(max(bar, 0), 1) * 100))%\"></span></span>"
                }
                let label = stacked && i < table.headers.count ? " data-label=\"\(HTML.escape(table.headers[i]))\"" : ""
                out += "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")\(label)\(style)>\(content)</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    /// The page style: A4 print layout, compact tables that repeat their header on each page;
    /// on a phone (≤ 640 px) tables keep every word whole (scrolling in their own box or, when
    /// wide, as cards), in-cell bars go below their number, a chart with a phone drawing
    /// (``ReportDocument/Figure/narrowSVG``) shows that one (legible text, no sideways scrolling),
    /// others keep their drawn size and scroll in their frame, and nothing widens the page.
    static let stylesheet = """
    @page{size:A4;margin:14mm 12mm}
    body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10pt;color:#222;margin:0;line-height:1.35}
    main{max-width:1080px;margin:0 auto;padding:16px 24px}
    h1{font-size:18pt;margin:0 0 6px}h2{font-size:14pt;margin:18px 0 6px;border-bottom:2px solid #225ea8}
    h3{font-size:11.5pt;margin:12px 0 4px}p{margin:4px 0 8px}
    .tw{max-width:100%;overflow-x:auto}
    table{border-collapse:collapse;margin:6px 0 12px;font-size:8.5pt;width:100%}
    caption{text-align:left;font-weight:bold;padding:2px 0}
    th,td{border:1px solid #ccc;padding:2px 4px;vertical-align:top}
    th{background:#eef2f7;font-weight:bold;text-align:left}
    .r{text-align:right;white-space:nowrap}thead{display:table-header-group}tr{break-inside:avoid}
    td.bar>span{display:inline-block;vertical-align:middle}
    td.bar .t{width:60px;height:9px;margin-left:6px;background:#eef2f7}td.bar .b{display:block;height:100%;background:#6b9bd1}
    figure{margin:6px 0 12px;break-inside:avoid;max-width:100%;overflow-x:auto}figure svg{max-width:100%;height:auto}
    figcaption{font-size:8.5pt;color:#555}figure .narrow{display:none}
    .row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
    ul.links{columns:3;font-size:9pt}
    nav.toc ol{columns:2;margin:4px 0 8px}ul.downloads{columns:2;margin:4px 0 8px}
    nav.back{margin:4px 0 10px;font-size:11pt}nav.back a{display:inline-block;padding:4px 10px;border:1px solid #225ea8;border-radius:4px;text-decoration:none}
    .page-break{break-after:page}
    footer{max-width:1080px;margin:0 auto;padding:6px 24px 16px;border-top:1px solid #ccc;color:#555}
    @media (max-width:640px){
    main{padding:8px 10px}h1{font-size:15pt}footer{padding:6px 10px 12px}
    td.bar>span{display:block}td.bar .t{width:auto;min-width:48px;margin:2px 0 0}
    figure svg{max-width:none}figure .wide{display:none}figure .narrow{display:block}
    ul.links,nav.toc ol,ul.downloads{columns:1}
    table.stack thead{position:absolute;left:-10000px;top:auto}table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}
    table.stack tr{border:1px solid #ccc;margin:0 0 8px;padding:2px 0}table.stack td{border:0;text-align:left;white-space:normal}
    table.stack td::before{content:attr(data-label);display:block;font-weight:bold;opacity:.75}table.stack caption{display:block}
    }
    @media print{main{padding:0;max-width:none}a{color:inherit;text-decoration:none}.tw,figure{overflow:visible}nav.back{display:none}}
    """
}

/// Renders a ``ReportDocument`` as Markdown (GitHub flavour): the same headings, paragraphs and
/// tables as the HTML page; figures as links to their SVG files. Text is escaped so that names
/// cannot inject markup.
public enum MarkdownRenderer {
    /// The page as Markdown text, the same bytes for the same document.
    public static func render(_ document: ReportDocument) -> String {
        var parts: [String] = []
        for block in document.blocks {
            switch block {
            case .heading(let level, let text, let anchor):
                // An explicit anchor, so the table of contents links work in any Markdown viewer.
                parts.append((anchor.map { "<a id=\"\(HTML.escape($0))\"></a>\n\n" } ?? "") + String(repeating: "#", count: level) + " " + escape(text))
            case .paragraph(let text):
                parts.append(escape(text))
            case .list(let items):
                parts.append(items.map { "- " + escape($0) }.joined(separator: "\n"))
            case .links(let links):
                parts.append(links.map { "- [\(escape($0.text))](\(document.relativeLink(to: $0.target, extension: "md")))" }.joined(separator: "\n"))
            case .contents(let entries):
                parts.append(entries.enumerated().map { "\($0.offset + 1). [\(escape($0.element.text))](#\($0.element.anchor))" }.joined(separator: "\n"))
            case .downloads(let files):
                parts.append(files.map { "- [\(escape($0.text))](\(document.relativeLink(toFile: $0.file.hasSuffix(".html") ? String($0.file.dropLast(5)) + ".md" : $0.file)))" }.joined(separator: "\n"))
            case .back(let text, let target):
                parts.append("[\(escape(text))](\(document.relativeLink(to: target, extension: "md")))")
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
        if let footer = document.footer { parts += ["---", "*\(escape(footer))*"] }
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

/// Renders a ``ReportDocument`` as plain text for a terminal: headings underlined, lists with
/// dashes, tables as aligned columns (``TextTable``), figures as their captions. No markup, so a
/// person reads it as printed; links, the table of contents and downloads are left out (they lead
/// nowhere on a terminal). Control and bidirectional characters are shown as U+FFFD.
public enum PlainTextRenderer {
    /// The page as plain text, the same bytes for the same document.
    public static func render(_ document: ReportDocument) -> String {
        var parts: [String] = []
        for block in document.blocks {
            switch block {
            case .heading(let level, let text, _):
                let shown = InputText.displayable(text)
                parts.append(level <= 2 ? shown + "\n" + String(repeating: level == 1 ? "=" : "-", count: shown.count) : shown)
            case .paragraph(let text):
                parts.append(InputText.displayable(text))
            case .list(let items):
                parts.append(items.map { "- " + InputText.displayable($0) }.joined(separator: "\n"))
            case .table(let table):
                var text = TextTable(headers: table.headers, alignments: table.alignments.map { $0 == .left ? .left : .right })
                table.rows.forEach { text.append($0.map(\.text)) }
                parts.append((table.caption.map { InputText.displayable($0) + "\n" } ?? "") + text.rendered())
            case .figure(let figure):
                parts.append(InputText.displayable(figure.caption))
            case .row(let figures):
                parts.append(figures.map { InputText.displayable($0.caption) }.joined(separator: "\n"))
            case .links, .contents, .downloads, .back, .pageBreak:
                continue
            }
        }
        if let footer = document.footer { parts.append(InputText.displayable(footer)) }
        return parts.joined(separator: "\n\n") + "\n"
    }
}
