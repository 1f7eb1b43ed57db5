import Foundation
import Testing

/// The report as a phone and a desktop show it: each page is loaded by headless Chromium in a
/// frame exactly 390 and 1366 CSS pixels wide (a window cannot be narrower than 500 px, a frame
/// can), and a script measures what a reader would notice — the page scrolling sideways, table
/// cells narrower than their longest word (names broken letter by letter), and text too small to
/// read (chart text as rendered, after the SVG is scaled), and charts wider than their figure
/// (scrolling sideways inside it). The same measures as /work/shared/tools/narrow_probe.py,
/// plus the text sizes and the charts.
@Suite struct ResponsiveLayoutTests {
    struct Layout: Decodable {
        var scroll: Double
        var inner: Double
        var broken: Int
        var example: String
        var minSVG: Double
        var exampleSVG: String
        var minHTML: Double
        var exampleHTML: String
        /// Figures whose chart is wider than the figure (it scrolls sideways inside its frame).
        var scrollingCharts: Int
        var exampleChart: String
    }

    /// Chart text must render at ≥ 9 px and page text at ≥ 10 px.
    static let minimumSVGText = 9.0, minimumHTMLText = 10.0

    static let pages = ["Reports/example-vi/index.html", "Reports/example-vi/units/thua-thien-hue.html", "Reports/example-en/index.html",
                        "Reports/example-en/units/bo-tai-chinh.html"]

    @Test(.enabled(if: RenderingTests.chromium != nil, "chromium is not installed (.ci/run installs it)"),
          arguments: pages, [390, 1366])
    func pageFitsTheScreen(page: String, width: Int) async throws {
        let layout = try await Self.measure(Repository.url(page), width: width)
        #expect(layout.inner == Double(width), "the frame is \(layout.inner) px wide, not \(width)")
        #expect(layout.scroll <= layout.inner, "\(page) at \(width) px scrolls sideways: \(layout.scroll) > \(layout.inner)")
        #expect(layout.broken == 0, "\(page) at \(width) px: \(layout.broken) cells narrower than their longest word, e.g. '\(layout.example)'")
        #expect(layout.minSVG >= Self.minimumSVGText, "\(page) at \(width) px: chart text '\(layout.exampleSVG)' renders at \(layout.minSVG) px")
        #expect(layout.minHTML >= Self.minimumHTMLText, "\(page) at \(width) px: text '\(layout.exampleHTML)' is \(layout.minHTML) px")
        #expect(layout.scrollingCharts == 0, "\(page) at \(width) px: \(layout.scrollingCharts) charts scroll sideways in their frame, e.g. '\(layout.exampleChart)'")
    }

    /// The measuring script: posts its findings to the harness page that frames the report.
    static let probe = #"""
    <script>window.addEventListener("load",function(){
    var d=document.documentElement,broken=0,example="";
    document.querySelectorAll("td,th").forEach(function(c){var x=c.textContent.trim();if(!x)return;
    var L="";x.split(/\s+/).forEach(function(p){if(p.length>L.length)L=p});
    var s=document.createElement("span");s.style.whiteSpace="nowrap";s.style.position="absolute";s.style.visibility="hidden";s.textContent=L;c.appendChild(s);
    var cs=getComputedStyle(c),inner=c.clientWidth-parseFloat(cs.paddingLeft)-parseFloat(cs.paddingRight);
    if(s.getBoundingClientRect().width>inner+1){broken++;if(!example)example=L}c.removeChild(s)});
    var minSVG=1e9,exampleSVG="",minHTML=1e9,exampleHTML="";
    document.querySelectorAll("svg").forEach(function(svg){var r=svg.getBoundingClientRect();if(!r.width)return;
    var vb=svg.viewBox.baseVal,scale=vb&&vb.width?r.width/vb.width:1;
    svg.querySelectorAll("text").forEach(function(t){var size=parseFloat(t.getAttribute("font-size"))*scale;if(size<minSVG){minSVG=size;exampleSVG=t.textContent}})});
    var w=document.createTreeWalker(document.body,NodeFilter.SHOW_TEXT);
    while(w.nextNode()){var n=w.currentNode,e=n.parentElement;if(!n.nodeValue.trim()||e.closest("svg")||e.closest("script")||!e.getClientRects().length)continue;
    var size=parseFloat(getComputedStyle(e).fontSize);if(size<minHTML){minHTML=size;exampleHTML=n.nodeValue.trim().slice(0,40)}}
    var scrollingCharts=0,exampleChart="";
    document.querySelectorAll("figure").forEach(function(f){if(f.scrollWidth>f.clientWidth+1){scrollingCharts++;if(!exampleChart){var t=f.querySelector("figcaption");exampleChart=t?t.textContent.slice(0,60):""}}});
    parent.postMessage(JSON.stringify({scroll:d.scrollWidth,inner:window.innerWidth,broken:broken,example:example,minSVG:minSVG,exampleSVG:exampleSVG,minHTML:minHTML,exampleHTML:exampleHTML,scrollingCharts:scrollingCharts,exampleChart:exampleChart}),"*")});</script>
    """#

    /// Loads `page` (with the probe) in a frame `width` px wide and returns the measures.
    static func measure(_ page: URL, width: Int) async throws -> Layout {
        let directory = try temporaryDirectory("layout")
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: page, encoding: .utf8)
        try Data(html.replacingOccurrences(of: "</body>", with: probe + "</body>").utf8).write(to: directory.appendingPathComponent("page.html"))
        let harness = """
            <!DOCTYPE html><html><body style="margin:0"><iframe src="page.html" style="border:0;width:\(width)px;height:900px"></iframe>
            <pre id="out"></pre><script>window.addEventListener("message",function(e){document.getElementById("out").textContent="PROBE"+e.data+"END"})</script></body></html>
            """
        let harnessURL = directory.appendingPathComponent("harness.html")
        try Data(harness.utf8).write(to: harnessURL)
        let profile = directory.appendingPathComponent("profile")
        let run = try await CLI.run(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
                               "--window-size=\(width + 40),1000", "--virtual-time-budget=5000", "--dump-dom", harnessURL.absoluteString],
                              executable: RenderingTests.chromium!)
        guard let start = run.stdout.range(of: "PROBE"), let end = run.stdout.range(of: "END", range: start.upperBound..<run.stdout.endIndex) else {
            throw ProbeError(message: "the page did not report its layout (status \(run.status)): \(run.stderr.suffix(500))")
        }
        let json = String(run.stdout[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Layout.self, from: Data(json.utf8))
    }

    struct ProbeError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
