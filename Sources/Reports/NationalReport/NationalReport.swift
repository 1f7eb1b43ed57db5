import Analysis
import Audit
import IndexCore

/// The national report in one language: a main page (rankings per block with bar charts, a heat
/// table of component scores, block means by year with a trend chart, rank changes, a tile-grid
/// map, and an appendix generated from the methodology) and one page per unit (components chart,
/// trend, explanation table, what-if). Built as ``ReportDocument``s, so HTML, Markdown, XLSX and
/// CSV show the same content.
public struct NationalReport: Sendable {
    /// The figures the report shows, computed once for every language.
    public let data: ReportData
    /// The language of every text, label and number (decimal comma in Vietnamese).
    public let language: Language
    let say: Wording

    /// The report of `data` in `language`; pages are built when asked for (``documents``).
    public init(_ data: ReportData, language: Language) {
        self.data = data
        self.language = language
        say = Wording(language: language)
    }

    var main: IndexResult { data.main }
    var methodology: Methodology { main.methodology }
    var decimals: Int { methodology.ranking.decimals ?? 4 }

    /// The main page and every unit page.
    public var documents: [ReportDocument] { [mainPage] + data.unitPages.compactMap(unitPage) }

    // MARK: - Main page

    /// The main page (`index`): rankings per block with bar charts, the heat table, block means by
    /// year with the trend chart, rank changes, the map, the uncertainty section when analysed, and
    /// the methodology appendix.
    public var mainPage: ReportDocument {
        let title = "\(methodology.title[language]) — \(say("năm", "year")) \(say.period(main.period))"
        var doc = ReportDocument(title: title, language: language, path: "index")
        doc.footer = footer
        doc.heading(title, level: 1)
        if let issuer = methodology.issuer { doc.paragraph(Message.reportIssuedBy(issuer).text(in: language)) }
        doc.paragraph(provenance)
        if let received = data.dataReceived { doc.paragraph(Message.reportDataReceived(say.date(received)).text(in: language)) }
        if let notes = methodology.notes { doc.paragraph(notes[language]) }
        doc.blocks.append(.contents(contents))
        summary(into: &doc)
        findings(into: &doc)
        for block in main.blocks { ranking(block, into: &doc) }
        heatTables(into: &doc)
        trendSection(into: &doc)
        if let uncertainty = data.uncertainty { uncertaintySection(uncertainty, into: &doc) }
        appendix(into: &doc)
        if !data.unitPages.isEmpty {
            doc.heading(say("Trang của từng đơn vị", "Unit pages"), anchor: "units")
            // Grouped by block, in rank order within each.
            for block in main.blocks {
                let pages = data.unitPages.filter { data.assessments[$0]?.block.id == block.plan.block.id }
                guard !pages.isEmpty else { continue }
                doc.heading(block.plan.block.name[language], level: 3)
                doc.blocks.append(.links(pages.compactMap { id in data.assessments[id].map { ($0.name, "units/\(id)") } }))
            }
        }
        return doc
    }

    /// The line closing every page: the issuer (when the methodology names one), the index and
    /// the main year.
    var footer: String {
        Message.reportFooter(title: methodology.title, period: say.period(main.period), issuer: methodology.issuer).text(in: language)
    }

    /// What the report rests on and what it describes, from the methodology and the data only
    /// (no clock): the legal basis, the edition, the data years and the day the data describe.
    var provenance: String {
        let periods = data.trends.periods.map(String.init).joined(separator: ", ")
        let basis = methodology.sources.first.map { source in
            let date = source.date.flatMap(Day.init).map { say(" ngày " + say.date($0), " of " + say.date($0)) } ?? ""
            return say("Đánh giá theo \(source.id)\(date)", "Assessed under \(source.id)\(date)") + (source.title.map { " — " + $0[language] } ?? "") + ". "
        } ?? ""
        let asOf = main.period.map { say(" Số liệu tính đến ngày \(say.date(Day.endOf(year: $0))).", " The data describe the year to \(say.date(Day.endOf(year: $0))).") } ?? ""
        return basis + say("\(methodology.title[language]), phiên bản \(methodology.edition). Số liệu các năm: \(periods); năm chính của báo cáo: \(say.period(main.period)).",
                           "\(methodology.title[language]), edition \(methodology.edition). Data years: \(periods); main year of the report: \(say.period(main.period)).") + asOf
    }

    /// The sections of the main page, for its table of contents.
    var contents: [(text: String, anchor: String)] {
        var entries = [(say("Tóm tắt", "Summary"), "summary"), (say("Những điểm chính", "Key findings"), "findings")]
        entries += main.blocks.map { ($0.plan.block.name[language], "block-\($0.plan.block.id)") }
        entries += [(say("Điểm thành phần", "Component scores"), "components"), (say("Xu hướng", "Trends"), "trends")]
        if data.uncertainty != nil { entries.append((say("Độ bất định của thứ hạng", "Uncertainty of the ranks"), "uncertainty")) }
        entries.append((say("Phụ lục: phương pháp tính", "Appendix: methodology"), "methodology"))
        if !data.unitPages.isEmpty { entries.append((say("Trang của từng đơn vị", "Unit pages"), "units")) }
        return entries
    }

    /// The key findings in prose: per block, the leader, the mean and its change, how many units
    /// rose, the biggest riser, and the classification when the methodology declares bands.
    func findings(into doc: inout ReportDocument) {
        doc.heading(say("Những điểm chính", "Key findings"), anchor: "findings")
        var paragraphs: [String] = []
        for block in main.blocks {
            let name = block.plan.block.name[language]
            let ranked = block.rankedUnitIndices
            guard let first = ranked.first else { continue }
            let leaders = ranked.filter { block.rank[block.plan.rootIndex][$0] == block.rank[block.plan.rootIndex][first] }.map { block.units[$0].name }
            var text = say("\(name): \(leaders.joined(separator: ", ")) dẫn đầu với chỉ số \(say.fixed(block.index[first], decimals)); trung bình khối \(say.fixed(block.indexStatistics.mean, 2))",
                           "\(name): \(leaders.joined(separator: ", ")) \(leaders.count > 1 ? "lead" : "leads") with an index of \(say.fixed(block.index[first], decimals)); the block mean is \(say.fixed(block.indexStatistics.mean, 2))")
            if let trend = data.trends.block(block.plan.block.id), let base = data.trends.base, !trend.meanChange.isNaN {
                let compared = trend.units.filter { !$0.change.isNaN }
                let rose = compared.filter { PublishedRounding.round($0.change, decimals: decimals) > 0 }.count
                text += say(" (\(say.signed(trend.meanChange, 2)) so với \(base)); \(rose)/\(compared.count) đơn vị tăng chỉ số",
                            " (\(say.signed(trend.meanChange, 2)) on \(base)); \(rose) of \(compared.count) units raised their index")
                if let top = trend.moversUp(1).first, top.change > 0 {
                    text += say("; tăng nhiều nhất: \(top.name) (\(say.signed(top.change, decimals))\(placesText(top.placesGained)))",
                                "; the biggest rise: \(top.name) (\(say.signed(top.change, decimals))\(placesText(top.placesGained)))")
                }
            }
            if !methodology.classification.isEmpty {
                let counts = methodology.classification.map { band in (band, ranked.filter { methodology.band(of: PublishedRounding.round(block.index[$0], decimals: decimals)) == band }.count) }
                let below = ranked.count - counts.map(\.1).reduce(0, +)
                text += say("; xếp loại: ", "; classified: ") + counts.map { "\($0.1) \($0.0.label[language])" }.joined(separator: ", ")
                    + (below > 0 ? say(", \(below) chưa đạt mức nào", ", \(below) below every band") : "")
            }
            paragraphs.append(text + ".")
        }
        paragraphs.forEach { doc.paragraph($0) }
    }

    /// `, lên 3 bậc` / `, up 3 places` (empty without a change of places).
    func placesText(_ places: Int?) -> String {
        guard let places, places != 0 else { return "" }
        return ", " + (places > 0 ? Message.placesUp(places) : Message.placesDown(-places)).text(in: language)
    }

    func summary(into doc: inout ReportDocument) {
        doc.heading(say("Tóm tắt", "Summary"), anchor: "summary")
        let periods = data.trends.periods
        var table = ReportDocument.Table(name: "means", caption: say("Trung bình khối theo năm", "Block means by year"),
                                         headers: [say("Khối", "Block")] + periods.map(String.init) + [say("Thay đổi", "Change")])
        for trend in data.trends.blocks {
            table.rows.append([.init(trend.block.name[language])] + trend.means.map { .init(say.fixed($0, 2), number: $0.isNaN ? nil : $0) }
                              + [.init(say.signed(trend.meanChange, 2), number: trend.meanChange.isNaN ? nil : trend.meanChange)])
        }
        doc.table(table)
        var sentences: [String] = []
        for trend in data.trends.blocks {
            var sentence = "\(trend.block.name[language]): "
            if let base = data.trends.base, !trend.meanChange.isNaN {
                sentence += say("trung bình \(say.fixed(trend.means[trend.means.count - 2], 2)) (\(base)) → \(say.fixed(trend.means.last!, 2)) (\(data.trends.latest!)), \(say.signed(trend.meanChange, 2))",
                                "mean \(say.fixed(trend.means[trend.means.count - 2], 2)) (\(base)) → \(say.fixed(trend.means.last!, 2)) (\(data.trends.latest!)), \(say.signed(trend.meanChange, 2))")
                let risers = trend.risers.prefix(2).filter { $0.change > 0 }
                if !risers.isEmpty {
                    sentence += say("; tăng nhiều nhất: ", "; rose most: ") + risers.map { "\($0.label[language]) (\(say.signed($0.change, 2)))" }.joined(separator: say(" và ", " and "))
                }
            } else {
                sentence += say("trung bình \(say.fixed(trend.means.last ?? .nan, 2))", "mean \(say.fixed(trend.means.last ?? .nan, 2))")
            }
            sentences.append(sentence + ".")
        }
        doc.blocks.append(.list(sentences))
        if periods.count > 1 {
            let chart = LineChart(title: say("Trung bình khối theo năm", "Block means by year"), categories: periods.map(String.init),
                                  series: data.trends.blocks.map { .init(name: $0.block.name[language], values: $0.means) },
                                  format: { [say] in say.fixed($0, 1) }, pointFormat: { [say] in say.fixed($0, 2) })
            doc.figure(.init(svg: chart.svg, caption: say("Hình: trung bình chỉ số của mỗi khối theo năm.", "Figure: each block's mean index by year."), fileName: "means-by-year",
                             narrowSVG: chart.narrow.svg))
        }
    }

    func ranking(_ block: BlockResult, into doc: inout ReportDocument) {
        let id = block.plan.block.id
        let trend = data.trends.block(id)
        let changes = Dictionary(uniqueKeysWithValues: (trend?.units ?? []).map { ($0.id, $0) })
        doc.blocks.append(.pageBreak)
        doc.heading(block.plan.block.name[language], anchor: "block-\(id)")
        let stats = block.indexStatistics
        doc.paragraph(say("\(stats.count) đơn vị · trung bình \(say.fixed(stats.mean, decimals)) · trung vị \(say.fixed(stats.median, decimals)) · thấp nhất \(say.fixed(stats.minimum, decimals)) · cao nhất \(say.fixed(stats.maximum, decimals))",
                          "\(stats.count) units · mean \(say.fixed(stats.mean, decimals)) · median \(say.fixed(stats.median, decimals)) · min \(say.fixed(stats.minimum, decimals)) · max \(say.fixed(stats.maximum, decimals))"))
        let base = data.trends.base.map(String.init) ?? "—"
        let bands = !methodology.classification.isEmpty
        // Per unit attribute (`attributes:`), the unit's group and its rank within it, beside the rank.
        let attributes = methodology.attributes
        let withinRanks = attributes.map { block.ranks(within: $0) }
        var table = ReportDocument.Table(name: "ranking-\(id)", caption: say("Xếp hạng", "Ranking") + " — " + block.plan.block.name[language],
                                         headers: [say("Hạng", "Rank")] + attributes.flatMap { [attributeLabel($0), say("Hạng trong nhóm", "Rank in group")] }
                                            + [say("Đơn vị", "Unit"), say("Chỉ số", "Index"), say("Thay đổi", "Change"), say("Hạng \(base)", "Rank \(base)"), say("± hạng", "± places")]
                                            + (bands ? [say("Xếp loại", "Class")] : []),
                                         alignments: [.right] + attributes.flatMap { _ in [ReportDocument.Table.Alignment.left, .right] }
                                            + [.left, .right, .right, .right, .right] + (bands ? [.left] : []))
        let root = block.plan.rootIndex
        // Across a merger the year-on-year columns belong to the table of the units of that date
        // (below); matched here by id they would cover only the units that kept theirs.
        let mapped = data.trends.asOf != nil
        for u in block.rankedUnitIndices {
            let unit = block.units[u]
            let change = mapped ? nil : changes[unit.unitID]
            let link = data.assessments[unit.unitID] == nil ? nil : "units/\(unit.unitID)"
            let groups = attributes.indices.flatMap { a -> [ReportDocument.Cell] in
                let rank = withinRanks[a][u]
                return [.init(block.data.attribute(attributes[a], unit: u) ?? "—"), .init(say.rank(rank), number: rank == 0 ? nil : Double(rank))]
            }
            table.rows.append([
                .init(say.rank(block.rank[root][u]), number: block.rank[root][u] == 0 ? nil : Double(block.rank[root][u]))] + groups + [
                .init(unit.name, link: link),
                .init(say.fixed(block.index[u], decimals), number: block.index[u], bar: block.index[u]),
                .init(say.signed(change?.change ?? .nan, decimals), number: change.map { $0.change.isNaN ? nil : $0.change } ?? nil),
                .init(say.rank(change?.previousRank ?? 0), number: (change?.previousRank ?? 0) == 0 ? nil : Double(change!.previousRank)),
                .init(say.places(change?.placesGained), number: change?.placesGained.map(Double.init)),
            ] + (bands ? [.init(bandName(block.index[u]))] : []))
        }
        doc.table(table)
        screenedUnits(of: block, into: &doc)
        for (a, attribute) in attributes.enumerated() { groupRankings(of: block, by: attribute, number: a + 1, ranks: withinRanks[a], into: &doc) }
        if let asOf = data.trends.asOf, let trend { mappedRanking(trend, of: block, asOf: asOf, base: base, into: &doc) }
        let bars = BarChart(
            title: say("Chỉ số", "Index") + " — " + block.plan.block.name[language],
            items: block.rankedUnitIndices.map { .init(label: block.units[$0].name, value: block.index[$0], valueText: say.fixed(block.index[$0], 3)) },
            references: [.init(value: stats.mean, label: say("trung bình", "mean") + " " + say.fixed(stats.mean, 2))]
        )
        var figures = [ReportDocument.Figure(svg: bars.svg, caption: say("Hình: chỉ số các đơn vị, đường đứt là trung bình khối.", "Figure: the units' index; the dashed line is the block mean."), fileName: "ranking-\(id)",
                                             narrowSVG: bars.narrow.svg)]
        let tiles = data.tiles.filter { tile in block.unitIndex(tile.id) != nil }
        if !tiles.isEmpty {
            let map = TileMap(title: say("Bản đồ chỉ số", "Index map") + " — " + block.plan.block.name[language], tiles: tiles,
                              values: Dictionary(uniqueKeysWithValues: block.units.indices.map { (block.units[$0].unitID, block.index[$0]) }),
                              names: Dictionary(uniqueKeysWithValues: block.units.map { ($0.unitID, $0.name) }),
                              format: { [say] in say.fixed($0, 2) })
            figures.append(.init(svg: map.svg, caption: say("Hình: bản đồ ô các tỉnh, màu theo chỉ số (đậm hơn là cao hơn).", "Figure: tile map of the provinces coloured by index (darker is higher)."), fileName: "map-\(id)",
                                 narrowSVG: map.narrow.svg))
        }
        doc.blocks.append(figures.count > 1 ? .row(figures) : .figure(figures[0]))
        if !tiles.isEmpty {
            let names = Dictionary(uniqueKeysWithValues: block.units.map { ($0.unitID, $0.name) })
            doc.paragraph(say("Mã trên bản đồ: ", "Codes on the map: ") + tiles.sorted { $0.code < $1.code }.map { "\($0.code) \(names[$0.id] ?? $0.id)" }.joined(separator: " · ") + ".")
        }
    }

    /// The units the methodology's `screening:` left out of the block, each with the reason (none:
    /// nothing is written).
    func screenedUnits(of block: BlockResult, into doc: inout ReportDocument) {
        guard !block.screened.isEmpty else { return }
        doc.paragraph(say("Không xếp hạng (sàng lọc theo mức đủ dữ liệu):", "Not ranked (screened out for missing data):"))
        doc.blocks.append(.list(block.screened.map { "\($0.unit.name) (\($0.unit.unitID)): \($0.reason[language])" }))
    }

    /// The name of a unit attribute: its field's label when it is a field, else its id.
    func attributeLabel(_ attribute: String) -> String {
        methodology.field(attribute)?.label[language] ?? attribute
    }

    /// One ranking per group of a unit attribute (a region, an income group): the group's units
    /// in order of their rank within it, beside their rank in the block. Tables are numbered, not
    /// named after the group, since group values come from the data and name the CSV files.
    func groupRankings(of block: BlockResult, by attribute: String, number: Int, ranks: [Int], into doc: inout ReportDocument) {
        let id = block.plan.block.id
        let label = attributeLabel(attribute)
        var members: [String: [Int]] = [:]
        for u in block.rankedUnitIndices {
            if let group = block.data.attribute(attribute, unit: u) { members[group, default: []].append(u) }
        }
        guard !members.isEmpty else { return }
        doc.heading(say("Xếp hạng theo \(label)", "Ranking by \(label)") + " — " + block.plan.block.name[language], level: 3, anchor: "block-\(id)-group\(number)")
        let root = block.plan.rootIndex
        for (k, group) in members.keys.sorted(by: { (VietnameseText.fold($0), $0) < (VietnameseText.fold($1), $1) }).enumerated() {
            var table = ReportDocument.Table(name: "ranking-\(id)-group\(number)-\(k + 1)", caption: "\(label): \(group) — " + block.plan.block.name[language],
                                             headers: [say("Hạng trong nhóm", "Rank in group"), say("Đơn vị", "Unit"), say("Chỉ số", "Index"), say("Hạng", "Rank")],
                                             alignments: [.right, .left, .right, .right])
            let units = members[group]!.sorted { (ranks[$0] == 0 ? Int.max : ranks[$0], block.units[$0].unitID) < (ranks[$1] == 0 ? Int.max : ranks[$1], block.units[$1].unitID) }
            for u in units {
                table.rows.append([
                    .init(say.rank(ranks[u]), number: ranks[u] == 0 ? nil : Double(ranks[u])),
                    .init(block.units[u].name, link: data.assessments[block.units[u].unitID] == nil ? nil : "units/\(block.units[u].unitID)"),
                    .init(say.fixed(block.index[u], decimals), number: block.index[u].isNaN ? nil : block.index[u], bar: block.index[u]),
                    .init(say.rank(block.rank[root][u]), number: block.rank[root][u] == 0 ? nil : Double(block.rank[root][u])),
                ])
            }
            doc.table(table)
        }
    }

    /// The main year's ranking as the units valid on `asOf` (each merged unit combining its
    /// predecessors by the registry's lineage rule, ranks formed again), with the change from the
    /// base year mapped the same way and the units each row combines.
    func mappedRanking(_ trend: Trends.BlockTrend, of block: BlockResult, asOf: Day, base: String, into doc: inout ReportDocument) {
        let names = Dictionary(block.units.map { ($0.unitID, $0.name) }, uniquingKeysWith: { a, _ in a })
        var table = ReportDocument.Table(
            name: "ranking-\(block.plan.block.id)-as-of",
            caption: say("Xếp hạng theo các đơn vị hành chính ngày \(asOf)", "Ranking as the units of \(asOf)") + " — " + block.plan.block.name[language],
            headers: [say("Hạng", "Rank"), say("Đơn vị", "Unit"), say("Chỉ số", "Index"), say("Thay đổi", "Change"), say("Hạng \(base)", "Rank \(base)"), say("± hạng", "± places"), say("Gồm", "Combines")],
            alignments: [.right, .left, .right, .right, .right, .right, .left])
        for unit in trend.units {
            let ancestors = unit.ancestors ?? []
            let combines = ancestors == [unit.id] ? [] : ancestors.map { names[$0] ?? $0 } // a unit that kept its own id alone: nothing to say
            table.rows.append([
                .init(say.rank(unit.rank), number: unit.rank == 0 ? nil : Double(unit.rank)),
                .init(unit.name),
                .init(say.fixed(unit.value, decimals), number: unit.value.isNaN ? nil : unit.value, bar: unit.value),
                .init(say.signed(unit.change, decimals), number: unit.change.isNaN ? nil : unit.change),
                .init(say.rank(unit.previousRank), number: unit.previousRank == 0 ? nil : Double(unit.previousRank)),
                .init(say.places(unit.placesGained), number: unit.placesGained.map(Double.init)),
                .init(combines.joined(separator: ", ")),
            ])
        }
        doc.table(table)
    }

    func heatTables(into doc: inout ReportDocument) {
        doc.blocks.append(.pageBreak)
        doc.heading(say("Điểm thành phần", "Component scores"), anchor: "components")
        doc.paragraph(say("Điểm mỗi hạng mục trên thang 0–1; màu đậm hơn là điểm cao hơn.", "Each category's score on 0–1; darker is higher."))
        let categories = methodology.root.children
        doc.blocks.append(.list(categories.map { "\($0.id): \($0.label[language])" }))
        for block in main.blocks {
            let plan = block.plan
            let columns = plan.root.children
            var table = ReportDocument.Table(name: "components-\(plan.block.id)", caption: plan.block.name[language],
                                             headers: [say("Hạng", "Rank"), say("Đơn vị", "Unit"), say("Chỉ số", "Index")] + columns.map { plan.nodes[$0].id },
                                             alignments: [.right, .left] + Array(repeating: .right, count: columns.count + 1))
            for u in block.rankedUnitIndices {
                table.rows.append([.init(say.rank(block.rank[plan.rootIndex][u])), .init(block.units[u].name), .init(say.fixed(block.index[u], 3), number: block.index[u], heat: block.index[u])]
                                  + columns.map { .init(say.fixed(block.score[$0][u], 2), number: block.score[$0][u], heat: block.score[$0][u]) })
            }
            doc.table(table)
        }
    }

    func trendSection(into doc: inout ReportDocument) {
        doc.blocks.append(.pageBreak)
        doc.heading(say("Xu hướng", "Trends"), anchor: "trends")
        guard let base = data.trends.base, let latest = data.trends.latest else {
            doc.paragraph(say("Chỉ có số liệu một năm; không có so sánh theo thời gian.", "Data of one year only; no comparison over time."))
            return
        }
        if let asOf = data.trends.asOf {
            doc.paragraph(say("So sánh theo các đơn vị hành chính ngày \(asOf): giá trị của các đơn vị đã sáp nhập được tính từ các đơn vị tiền thân.",
                              "Compared as the units of \(asOf): merged units take their values from their predecessors."))
        }
        for trend in data.trends.blocks {
            let id = trend.block.id
            doc.heading(trend.block.name[language], level: 3)
            if let comparability = trend.comparability {
                let (then, now) = (data.trends.editions[data.trends.editions.count - 2], data.trends.editions.last!)
                if comparability.excluded.isEmpty && then == now {
                    doc.paragraph(say("Cả hai năm được tính theo cùng một bộ chỉ tiêu (phiên bản \(now)); mọi chỉ tiêu được so sánh.",
                                      "Both years are computed with the same methodology (edition \(now)); every indicator is compared."))
                } else if comparability.excluded.isEmpty {
                    doc.paragraph(say("Hai phiên bản \(then) và \(now) định nghĩa mọi chỉ tiêu như nhau; mọi chỉ tiêu được so sánh.",
                                      "Editions \(then) and \(now) define every indicator the same way; every indicator is compared."))
                } else {
                    doc.paragraph(say("Chỉ so sánh những gì so sánh được: \(comparability.comparable.count) chỉ tiêu; loại trừ \(comparability.excluded.count):",
                                      "Only what is comparable is compared: \(comparability.comparable.count) nodes; \(comparability.excluded.count) excluded:"))
                    doc.blocks.append(.list(comparability.excluded.map { "\($0.nodeID): \($0.reason[language])" }))
                }
            } else {
                doc.paragraph(say("Khối không có số liệu năm \(base).", "The block has no data for \(base)."))
                continue
            }
            var components = ReportDocument.Table(name: "change-\(id)", caption: say("Thay đổi trung bình theo hạng mục", "Change of the category means"),
                                                  headers: [say("Hạng mục", "Category"), String(base), String(latest), say("Thay đổi", "Change")])
            for change in trend.components where change.depth == 1 {
                components.rows.append([.init("\(change.id) \(change.label[language])"), .init(say.fixed(change.previousMean, 3), number: change.previousMean),
                                        .init(say.fixed(change.mean, 3), number: change.mean), .init(say.signed(change.change, 3), number: change.change)])
            }
            doc.table(components)
            var movers = ReportDocument.Table(name: "movers-\(id)", caption: say("Thay đổi lớn nhất (lên và xuống)", "Biggest movers (up and down)"),
                                              headers: [say("Đơn vị", "Unit"), String(base), String(latest), say("Thay đổi", "Change"), say("Hạng", "Rank"), say("± hạng", "± places")])
            for change in trend.moversUp(5) + trend.moversDown(5) {
                movers.rows.append([.init(change.name, link: data.assessments[change.id] == nil ? nil : "units/\(change.id)"),
                                    .init(say.fixed(change.previous, decimals), number: change.previous), .init(say.fixed(change.value, decimals), number: change.value),
                                    .init(say.signed(change.change, decimals), number: change.change),
                                    .init("\(say.rank(change.previousRank)) → \(say.rank(change.rank))"), .init(say.places(change.placesGained), number: change.placesGained.map(Double.init))])
            }
            doc.table(movers)
        }
    }

    /// The interval's ends as percentiles, e.g. `5–95%` for 90%.
    func percentiles(_ interval: Double) -> String {
        let low = PublishedRounding.round((1 - interval) / 2 * 100, decimals: 1), high = PublishedRounding.round((1 + interval) / 2 * 100, decimals: 1)
        return "\(say.number(low))–\(say.number(high))%"
    }

    /// Per analysed block: the rank-interval chart and a table of nominal rank, median, interval
    /// and the most influential input.
    func uncertaintySection(_ result: UncertaintyResult, into doc: inout ReportDocument) {
        let spec = result.spec
        doc.blocks.append(.pageBreak)
        doc.heading(say("Độ bất định của thứ hạng", "Uncertainty of the ranks"), anchor: "uncertainty")
        let method = spec.method == .sobol ? say("Sobol (thiết kế Saltelli)", "Sobol (Saltelli design)") : "Monte Carlo"
        doc.paragraph(say("Thứ hạng năm \(say.period(main.period)) được tính lại theo các lựa chọn phương pháp khác nhau: \(method), \(spec.runs) mẫu gốc, hạt giống \(spec.seed). Khoảng hạng là phân vị \(percentiles(spec.interval)) của hạng qua các kịch bản.",
                          "The \(say.period(main.period)) ranks recomputed under other methodological choices: \(method), \(spec.runs) base samples, seed \(spec.seed). The rank interval is the \(percentiles(spec.interval)) percentile range of the rank over the scenarios."))
        doc.blocks.append(.list(spec.inputs.map { "\($0.id): \($0.label[language])" }))
        for block in result.blocks {
            let id = block.block.id
            doc.heading(block.block.name[language], level: 3, anchor: "uncertainty-\(id)")
            doc.paragraph(say("\(block.runs) lần chạy, \(block.scenarios) kịch bản; thay đổi hạng trung bình \(say.fixed(block.meanRankShift, 2)) bậc.",
                              "\(block.runs) model runs, \(block.scenarios) scenarios; mean rank shift \(say.fixed(block.meanRankShift, 2)) places."))
            var svg = RankIntervalChart.svg(block, interval: spec.interval, language: language)
            var narrow = RankIntervalChart.svg(block, interval: spec.interval, language: language, width: Int(PhoneDrawing.width))
            while svg.hasSuffix("\n") { svg.removeLast() }
            while narrow.hasSuffix("\n") { narrow.removeLast() }
            doc.figure(.init(svg: svg, caption: say("Hình: khoảng hạng \(percentiles(spec.interval)) (thanh), trung vị (chấm tròn) và hạng công bố (hình thoi).",
                                                    "Figure: the \(percentiles(spec.interval)) rank interval (bar), the median (dot) and the published rank (diamond)."),
                             fileName: "rank-intervals-\(id)", narrowSVG: narrow))
            var table = ReportDocument.Table(name: "uncertainty-\(id)", caption: say("Khoảng hạng", "Rank intervals") + " — " + block.block.name[language],
                                             headers: [say("Đơn vị", "Unit"), say("Hạng", "Rank"), say("Trung vị", "Median"), percentiles(spec.interval),
                                                       say("Yếu tố ảnh hưởng nhất", "Most influential input")],
                                             alignments: [.left, .right, .right, .right, .left])
            for unit in block.units {
                table.rows.append([
                    .init(unit.name, link: data.assessments[unit.id] == nil ? nil : "units/\(unit.id)"),
                    .init(say.rank(unit.nominalRank), number: unit.nominalRank == 0 ? nil : Double(unit.nominalRank)),
                    .init(String(unit.medianRank), number: Double(unit.medianRank)),
                    .init(unit.bestRank == unit.worstRank ? String(unit.bestRank) : "\(unit.bestRank)–\(unit.worstRank)"),
                    .init(unit.mostInfluentialInput.map { spec.inputs[$0].label[language] } ?? "—"),
                ])
            }
            doc.table(table)
        }
    }

    func appendix(into doc: inout ReportDocument) {
        doc.blocks.append(.pageBreak)
        doc.heading(say("Phụ lục: phương pháp tính", "Appendix: methodology"), anchor: "methodology")
        methodologyProse(into: &doc)
        doc.paragraph("\(methodology.title[language]) (\(methodology.id), \(say("phiên bản", "edition")) \(methodology.edition)). "
                      + say("Thang điểm: \(methodology.scale == .points ? "điểm" : "0–1"); thiếu số liệu: \(methodology.missing.name(in: .vi)); xếp hạng trên giá trị làm tròn \(decimals) chữ số.",
                            "Scale: \(methodology.scale.rawValue); missing data: \(methodology.missing.name(in: .en)); ranked on values rounded to \(decimals) decimals."))
        doc.heading(say("Văn bản pháp lý", "Legal sources"), level: 3)
        doc.blocks.append(.list(methodology.sources.map { source in
            [source.id, source.date, source.title?[language], source.url].compactMap { $0 }.joined(separator: " — ")
        }))
        doc.heading(say("Khối", "Blocks"), level: 3)
        doc.blocks.append(.list(methodology.blocks.map { "\($0.id): \($0.name[language])" + ($0.appendix.map { " (\($0))" } ?? "") }))
        var table = ReportDocument.Table(name: "indicators", caption: say("Chỉ tiêu, quy tắc và trọng số", "Indicators, rules and weights"),
                                         headers: [say("Mã", "Id"), say("Chỉ tiêu", "Indicator"), methodology.scale == .points ? say("Điểm tối đa", "Max points") : say("Trọng số", "Weight"),
                                                   say("Giá trị", "Value"), say("Quy tắc", "Rule"), say("Theo khối", "By block"), say("Nguồn", "Source")],
                                         alignments: [.left, .left, .right, .left, .left, .left, .left])
        for node in methodology.allNodes.dropFirst() {
            let overrides = node.overrides.keys.sorted().map { block -> String in
                let o = node.overrides[block]!
                return "\(block): " + [o.weight.map { say("trọng số", "weight") + " " + NumberFormatting.format($0) }, o.scoring.map(say.rule), o.value.map(\.description)].compactMap { $0 }.joined(separator: ", ")
            } + (node.blocks.map { [say("chỉ khối ", "only ") + $0.joined(separator: ", ")] } ?? [])
            let provenance = node.provenance.map { $0 == .published ? say("đã công bố", "published") : say("dựng lại", "reconstructed") } ?? ""
            table.rows.append([.init(node.id), .init(node.label[language]), .init(node.weight.map(NumberFormatting.format) ?? "", number: node.weight),
                               .init(node.value?.description ?? ""), .init(node.isLeaf ? say.rule(node.scoring) : node.aggregation.name(in: say.language)),
                               .init(overrides.joined(separator: "; ")), .init(provenance)])
        }
        doc.table(table)
    }

    /// The methodology in words: the categories with their weights, how the index and the ranks
    /// are formed, and the classification bands when there are any.
    func methodologyProse(into doc: inout ReportDocument) {
        let categories = methodology.root.children
        let points = methodology.scale == .points
        let total = categories.compactMap(\.weight).reduce(0, +)
        let listed = categories.map { node -> String in
            guard let weight = node.weight else { return "\(node.id) \(node.label[language])" }
            let share = total > 0 ? " (\(say.percent(weight / total)))" : ""
            return "\(node.id) \(node.label[language]) — " + (points ? say("tối đa \(say.number(weight)) điểm", "up to \(say.number(weight)) points") : say("trọng số \(say.number(weight))", "weight \(say.number(weight))")) + share
        }
        doc.paragraph(say("Chỉ số gồm \(categories.count) hạng mục:", "The index has \(categories.count) categories:"))
        doc.blocks.append(.list(listed))
        doc.paragraph(points
            ? say("Mỗi chỉ tiêu cho một số điểm theo quy tắc của nó (bảng dưới); điểm các chỉ tiêu cộng thành điểm hạng mục, và chỉ số là tổng điểm chia cho tổng điểm tối đa (\(say.number(total))), trên thang 0–1. Điểm tối đa có thể khác theo khối (cột \"Theo khối\").",
                  "Each indicator gives points by its rule (table below); the points add up to each category's, and the index is the total over the maximum (\(say.number(total))), on 0–1. Maxima may differ by block (column \"By block\").")
            : say("Mỗi chỉ tiêu được chuẩn hoá về thang 0–1 theo quy tắc của nó (bảng dưới) rồi gộp theo trọng số thành hạng mục và chỉ số.",
                  "Each indicator is scored on 0–1 by its rule (table below), then combined by weight into categories and the index."))
        let blocks = methodology.blocks.map { $0.name[language] }.joined(separator: "; ")
        doc.paragraph(say("Các đơn vị được xếp hạng riêng trong từng khối (\(blocks)), theo chỉ số làm tròn \(decimals) chữ số thập phân như khi công bố. Các đơn vị bằng nhau cùng hạng, và hạng kế tiếp bỏ qua số chỗ đã chia (1, 2, 2, 4).",
                          "Units are ranked within each block (\(blocks)) on the index rounded to \(decimals) decimals, as published. Equal units share a rank and the next rank skips the places they share (1, 2, 2, 4)."))
        if !methodology.classification.isEmpty {
            var upper: ClassificationBand?
            let bands = methodology.classification.map { band -> String in
                defer { upper = band }
                let from = say.fixed(band.minimum, 2)
                guard let upper else { return "\(band.label[language]): " + say("từ \(from)", "from \(from)") }
                return "\(band.label[language]): " + say("từ \(from) đến dưới \(say.fixed(upper.minimum, 2))", "from \(from) to below \(say.fixed(upper.minimum, 2))")
            }
            doc.paragraph(say("Xếp loại theo chỉ số đã làm tròn: ", "Classification by the rounded index: ") + bands.joined(separator: "; ") + ".")
        }
    }

    /// The classification band of an index value (rounded as published), or `—`.
    func bandName(_ value: Double) -> String {
        methodology.band(of: PublishedRounding.round(value, decimals: decimals))?.label[language] ?? "—"
    }

    // MARK: - Unit pages

    /// The page of one unit, or `nil` when it was not assessed.
    public func unitPage(_ id: String) -> ReportDocument? {
        guard let a = data.assessments[id], let block = main.block(a.block.id), let u = block.unitIndex(id) else { return nil }
        let title = unitTitle(a)
        var doc = ReportDocument(title: title, language: language, path: "units/\(id)")
        doc.footer = footer
        let back = ReportDocument.Block.back(text: say("← Báo cáo chung", "← National report"), target: "index")
        doc.blocks.append(back)
        doc.heading(title, level: 1)
        doc.paragraph(standing(a))
        if let base = data.trends.base, let change = data.trends.block(a.block.id)?.units.first(where: { $0.id == id }), !change.previous.isNaN {
            doc.paragraph(say("Năm \(base): chỉ số \(say.fixed(change.previous, decimals)), hạng \(say.rank(change.previousRank)); thay đổi \(say.signed(change.change, decimals))\(placesText(change.placesGained)).",
                              "In \(base): index \(say.fixed(change.previous, decimals)), rank \(say.rank(change.previousRank)); change \(say.signed(change.change, decimals))\(placesText(change.placesGained))."))
        }
        if let uncertainty = data.uncertainty, let unit = uncertainty.block(a.block.id)?.units.first(where: { $0.id == id }) {
            doc.paragraph(say("Độ bất định của hạng: ", "Uncertainty of the rank: ")
                          + unit.summary(inputs: uncertainty.inputs, interval: uncertainty.spec.interval, language: language) + ".")
        }
        let categories = a.components.filter { $0.depth == 1 }
        var bars = BarChart(title: say("Các hạng mục", "Categories") + " — " + a.name,
                            items: categories.map { .init(label: $0.label[language], value: $0.score, valueText: say.fixed($0.score, 2), markers: [$0.blockMean, $0.blockBest]) },
                            markerLegend: [say("trung bình khối", "block mean"), say("tốt nhất khối", "block best")])
        bars.width = 560  // beside the 480-wide trend chart on an A4 page
        var figures = [ReportDocument.Figure(svg: bars.svg, caption: say("Hình: điểm các hạng mục (0–1) so với trung bình và tốt nhất của khối.", "Figure: category scores (0–1) against the block mean and best."),
                                             narrowSVG: bars.narrow.svg)]
        if data.results.count > 1 {
            let values = data.results.map { result -> Double in
                guard let b = result.block(a.block.id), let i = b.unitIndex(id) else { return .nan }
                return b.index[i]
            }
            let means = data.trends.block(a.block.id)?.means ?? []
            let chart = LineChart(title: say("Xu hướng", "Trend") + " — " + a.name, categories: data.results.map { say.period($0.period) },
                                  series: [.init(name: a.name, values: values), .init(name: say("trung bình khối", "block mean"), values: means, dashed: true)],
                                  format: { [say] in say.fixed($0, 1) }, pointFormat: { [say, decimals] in say.fixed($0, decimals) })
            figures.append(.init(svg: chart.svg, caption: say("Hình: chỉ số của đơn vị và trung bình khối theo năm.", "Figure: the unit's index and the block mean by year."),
                                 narrowSVG: chart.narrow.svg))
        }
        doc.blocks.append(.row(figures))
        doc.heading(say("Điểm mạnh và điểm yếu", "Strengths and weaknesses"), level: 2)
        doc.blocks.append(.list(strengthsAndWeaknesses(a)))
        doc.heading(say("Nếu cải thiện thì sao", "What if"), level: 2)
        doc.paragraph(say("Những thay đổi số liệu mang lại nhiều điểm nhất, do bộ máy tính toán lại cả khối (không ước lượng).",
                          "The changes that gain the most, each recomputed by the engine over the whole block (not estimated)."))
        doc.table(whatIfTable(a))
        doc.heading(say("Cách tính chi tiết", "How the index was computed"), level: 2)
        doc.table(explainTable(block.explain(unit: u), block: block))
        doc.blocks.append(back)
        return doc
    }

    /// The categories above the block mean, then those below, with the unit's score and the mean.
    func strengthsAndWeaknesses(_ a: Assessment) -> [String] {
        let strengths = a.strengths.map { "\(say("Mạnh", "Strength")): \($0.label[language]) (\(say.fixed($0.score, 2)) / \(say("TB", "mean")) \(say.fixed($0.blockMean, 2)))" }
        let weaknesses = a.weaknesses.map { "\(say("Yếu", "Weakness")): \($0.label[language]) (\(say.fixed($0.score, 2)) / \(say("TB", "mean")) \(say.fixed($0.blockMean, 2)))" }
        return strengths + weaknesses
    }

    /// The what-if table of `scenarios` (by default every scenario of the assessment).
    func whatIfTable(_ a: Assessment, scenarios: [Assessment.WhatIf]? = nil) -> ReportDocument.Table {
        var table = ReportDocument.Table(name: "whatif-\(a.unitID)", headers: [say("Chỉ tiêu", "Indicator"), say("Mục tiêu", "Target"), say("Thay đổi số liệu", "Changed answers"),
                                                                               say("Giá trị", "Value"), say("+ điểm", "+ points"), say("Chỉ số mới", "New index"), say("Hạng", "Rank")],
                                         alignments: [.left, .left, .left, .right, .right, .right, .right])
        for s in scenarios ?? a.whatIf {
            table.rows.append([.init("\(s.nodeID) \(s.label[language])"), .init(say.kind(s.kind)), .init(say.changes(s)),
                               .init("\(say.raw(s.rawBefore, ratio: s.isRatio)) → \(say.raw(s.rawAfter, ratio: s.isRatio))"),
                               .init("+" + say.fixed(s.pointsGain, 2), number: s.pointsGain), .init(say.fixed(s.valueAfter, decimals) + " (\(say.signed(s.gain, decimals)))", number: s.valueAfter),
                               .init("\(say.rank(s.rankBefore)) → \(say.rank(s.rankAfter))")])
        }
        return table
    }

    func explainTable(_ explanation: Explanation, block: BlockResult) -> ReportDocument.Table {
        let points = methodology.scale == .points
        var table = ReportDocument.Table(name: "explain", headers: [say("Mã", "Id"), say("Chỉ tiêu", "Indicator"), say("Giá trị", "Value"), say("Cách tính", "Computation"),
                                                                   say("Điểm", "Score"), points ? say("Điểm/tối đa", "Points/max") : say("Trọng số", "Weight"), say("Hạng", "Rank"), say("TB khối", "Block mean")],
                                         alignments: [.left, .left, .right, .left, .right, .right, .right, .right])
        func walk(_ e: Explanation) {
            let index = block.plan.index(of: e.nodeID)!
            let mean = block.statistics[index].mean
            table.rows.append([.init(e.nodeID), .init(e.label[language]), .init(e.raw.map { say.raw($0, ratio: false) } ?? ""),
                               .init(e.isLeaf ? e.formula + (e.missingNote.map { " (\($0))" } ?? "") : e.rule),
                               .init(e.score.map { say.fixed($0, 3) } ?? "—", number: e.score),
                               .init(points ? "\(e.points.map { say.fixed($0, 1) } ?? "—")/\(NumberFormatting.format(e.maxPoints))" : NumberFormatting.format(e.weight)),
                               .init(e.rank.map(String.init) ?? "—"), .init(say.fixed(mean, 3), number: mean)])
            e.children.forEach(walk)
        }
        walk(explanation)
        return table
    }
}
