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
        let title = "\(methodology.title[language]) — \(say(.reportYear)) \(say.period(main.period))"
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
            doc.heading(say(.reportUnitPages), anchor: "units")
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
            let date = source.date.flatMap(Day.init).map { say(.reportSourceDate(say.date($0))) } ?? ""
            return say(.reportAssessedUnder(id: "\(source.id)", date: "\(date)")) + (source.title.map { " — " + $0[language] } ?? "") + ". "
        } ?? ""
        let asOf = main.period.map { say(.reportDataDescribeYear(year: say.date(Day.endOf(year: $0)))) } ?? ""
        return basis + say(.reportEditionDataYearsMainYear(title: methodology.title[language], edition: "\(methodology.edition)", periods: "\(periods)", period: say.period(main.period))) + asOf
    }

    /// The sections of the main page, for its table of contents.
    var contents: [(text: String, anchor: String)] {
        var entries = [(say(.reportSummary), "summary"), (say(.reportKeyFindings), "findings")]
        entries += main.blocks.map { ($0.plan.block.name[language], "block-\($0.plan.block.id)") }
        entries += [(say(.reportComponentScores), "components"), (say(.reportTrends), "trends")]
        if data.uncertainty != nil { entries.append((say(.reportUncertaintyOfTheRanks), "uncertainty")) }
        entries.append((say(.reportAppendixMethodology), "methodology"))
        if !data.unitPages.isEmpty { entries.append((say(.reportUnitPages), "units")) }
        return entries
    }

    /// The key findings in prose: per block, the leader, the mean and its change, how many units
    /// rose, the biggest riser, and the classification when the methodology declares bands.
    func findings(into doc: inout ReportDocument) {
        doc.heading(say(.reportKeyFindings), anchor: "findings")
        var paragraphs: [String] = []
        for block in main.blocks {
            let name = block.plan.block.name[language]
            let ranked = block.rankedUnitIndices
            guard let first = ranked.first else { continue }
            let leaders = ranked.filter { block.rank[block.plan.rootIndex][$0] == block.rank[block.plan.rootIndex][first] }.map { block.units[$0].name }
            var text = say(.reportBlockLeaders(block: name, leaders: leaders, index: say.fixed(block.index[first], decimals), mean: say.fixed(block.indexStatistics.mean, 2)))
            if let trend = data.trends.block(block.plan.block.id), let base = data.trends.base, !trend.meanChange.isNaN {
                let compared = trend.units.filter { !$0.change.isNaN }
                let rose = compared.filter { PublishedRounding.round($0.change, decimals: decimals) > 0 }.count
                text += say(.reportUnitsRose(meanChange: say.signed(trend.meanChange, 2), base: "\(base)", rose: "\(rose)", compared: "\(compared.count)"))
                if let top = trend.moversUp(1).first, top.change > 0 {
                    text += say(.reportTheBiggestRise(name: "\(top.name)", change: say.signed(top.change, decimals), placesGained: "\(placesText(top.placesGained))"))
                }
            }
            if !methodology.classification.isEmpty {
                let counts = methodology.classification.map { band in (band, ranked.filter { methodology.band(of: PublishedRounding.round(block.index[$0], decimals: decimals)) == band }.count) }
                let below = ranked.count - counts.map(\.1).reduce(0, +)
                text += say(.reportClassified) + counts.map { "\($0.1) \($0.0.label[language])" }.joined(separator: ", ")
                    + (below > 0 ? say(.reportBelowEveryBand(below: "\(below)")) : "")
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
        doc.heading(say(.reportSummary), anchor: "summary")
        let periods = data.trends.periods
        var table = ReportDocument.Table(name: "means", caption: say(.reportBlockMeansByYear),
                                         headers: [say(.reportBlock)] + periods.map(String.init) + [say(.reportChange)])
        for trend in data.trends.blocks {
            table.rows.append([.init(trend.block.name[language])] + trend.means.map { .init(say.fixed($0, 2), number: $0.isNaN ? nil : $0) }
                              + [.init(say.signed(trend.meanChange, 2), number: trend.meanChange.isNaN ? nil : trend.meanChange)])
        }
        doc.table(table)
        var sentences: [String] = []
        for trend in data.trends.blocks {
            var sentence = "\(trend.block.name[language]): "
            if let base = data.trends.base, !trend.meanChange.isNaN {
                sentence += say(.reportMeanSince(means: say.fixed(trend.means[trend.means.count - 2], 2), base: "\(base)", last: say.fixed(trend.means.last!, 2), latest: "\(data.trends.latest!)", meanChange: say.signed(trend.meanChange, 2)))
                let risers = trend.risers.prefix(2).filter { $0.change > 0 }
                if !risers.isEmpty {
                    sentence += say(.reportRoseMost) + risers.map { "\($0.label[language]) (\(say.signed($0.change, 2)))" }.joined(separator: say(.reportAnd))
                }
            } else {
                sentence += say(.reportMeanNow(mean: say.fixed(trend.means.last ?? .nan, 2)))
            }
            sentences.append(sentence + ".")
        }
        doc.blocks.append(.list(sentences))
        if periods.count > 1 {
            let chart = LineChart(title: say(.reportBlockMeansByYear), categories: periods.map(String.init),
                                  series: data.trends.blocks.map { .init(name: $0.block.name[language], values: $0.means) },
                                  format: { [say] in say.fixed($0, 1) }, pointFormat: { [say] in say.fixed($0, 2) })
            doc.figure(.init(svg: chart.svg, caption: say(.reportFigureEachBlockSMean), fileName: "means-by-year",
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
        doc.paragraph(say(.reportUnitsMeanMedianMinMax(count: "\(stats.count)", mean: say.fixed(stats.mean, decimals), median: say.fixed(stats.median, decimals), minimum: say.fixed(stats.minimum, decimals), maximum: say.fixed(stats.maximum, decimals))))
        let base = data.trends.base.map(String.init) ?? "—"
        let bands = !methodology.classification.isEmpty
        // Per unit attribute (`attributes:`), the unit's group and its rank within it, beside the rank.
        let attributes = methodology.attributes
        let withinRanks = attributes.map { block.ranks(within: $0) }
        var table = ReportDocument.Table(name: "ranking-\(id)", caption: say(.reportRanking) + " — " + block.plan.block.name[language],
                                         headers: [say(.reportRank)] + attributes.flatMap { [attributeLabel($0), say(.reportRankInGroup)] }
                                            + [say(.reportUnit), say(.reportIndex), say(.reportChange), say(.reportRankIn(base: "\(base)")), say(.reportPlaces)]
                                            + (bands ? [say(.reportClass)] : []),
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
            title: say(.reportIndex) + " — " + block.plan.block.name[language],
            items: block.rankedUnitIndices.map { .init(label: block.units[$0].name, value: block.index[$0], valueText: say.fixed(block.index[$0], 3)) },
            references: [.init(value: stats.mean, label: say(.reportMeanWord) + " " + say.fixed(stats.mean, 2))]
        )
        var figures = [ReportDocument.Figure(svg: bars.svg, caption: say(.reportFigureUnitsIndex), fileName: "ranking-\(id)",
                                             narrowSVG: bars.narrow.svg)]
        let tiles = data.tiles.filter { tile in block.unitIndex(tile.id) != nil }
        if !tiles.isEmpty {
            let map = TileMap(title: say(.reportIndexMap) + " — " + block.plan.block.name[language], tiles: tiles,
                              values: Dictionary(uniqueKeysWithValues: block.units.indices.map { (block.units[$0].unitID, block.index[$0]) }),
                              names: Dictionary(uniqueKeysWithValues: block.units.map { ($0.unitID, $0.name) }),
                              format: { [say] in say.fixed($0, 2) })
            figures.append(.init(svg: map.svg, caption: say(.reportFigureTileMapOfThe), fileName: "map-\(id)",
                                 narrowSVG: map.narrow.svg))
        }
        doc.blocks.append(figures.count > 1 ? .row(figures) : .figure(figures[0]))
        if !tiles.isEmpty {
            let names = Dictionary(uniqueKeysWithValues: block.units.map { ($0.unitID, $0.name) })
            doc.paragraph(say(.reportCodesOnTheMap) + tiles.sorted { $0.code < $1.code }.map { "\($0.code) \(names[$0.id] ?? $0.id)" }.joined(separator: " · ") + ".")
        }
    }

    /// The units the methodology's `screening:` left out of the block, each with the reason (none:
    /// nothing is written).
    func screenedUnits(of block: BlockResult, into doc: inout ReportDocument) {
        guard !block.screened.isEmpty else { return }
        doc.paragraph(say(.reportNotRankedScreenedOutFor))
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
        doc.heading(say(.reportRankingBy(label: "\(label)")) + " — " + block.plan.block.name[language], level: 3, anchor: "block-\(id)-group\(number)")
        let root = block.plan.rootIndex
        for (k, group) in members.keys.sorted(by: { (VietnameseText.fold($0), $0) < (VietnameseText.fold($1), $1) }).enumerated() {
            var table = ReportDocument.Table(name: "ranking-\(id)-group\(number)-\(k + 1)", caption: "\(label): \(group) — " + block.plan.block.name[language],
                                             headers: [say(.reportRankInGroup), say(.reportUnit), say(.reportIndex), say(.reportRank)],
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
            caption: say(.reportRankingAsTheUnitsOf(asOf: "\(asOf)")) + " — " + block.plan.block.name[language],
            headers: [say(.reportRank), say(.reportUnit), say(.reportIndex), say(.reportChange), say(.reportRankIn(base: "\(base)")), say(.reportPlaces), say(.reportCombines)],
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
        doc.heading(say(.reportComponentScores), anchor: "components")
        doc.paragraph(say(.reportEachCategorySScoreOn))
        let categories = methodology.root.children
        doc.blocks.append(.list(categories.map { "\($0.id): \($0.label[language])" }))
        for block in main.blocks {
            let plan = block.plan
            let columns = plan.root.children
            var table = ReportDocument.Table(name: "components-\(plan.block.id)", caption: plan.block.name[language],
                                             headers: [say(.reportRank), say(.reportUnit), say(.reportIndex)] + columns.map { plan.nodes[$0].id },
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
        doc.heading(say(.reportTrends), anchor: "trends")
        guard let base = data.trends.base, let latest = data.trends.latest else {
            doc.paragraph(say(.reportDataOfOneYearOnly))
            return
        }
        if let asOf = data.trends.asOf {
            doc.paragraph(say(.reportComparedAsTheUnitsOf(asOf: "\(asOf)")))
        }
        for trend in data.trends.blocks {
            let id = trend.block.id
            doc.heading(trend.block.name[language], level: 3)
            if let comparability = trend.comparability {
                let (then, now) = (data.trends.editions[data.trends.editions.count - 2], data.trends.editions.last!)
                if comparability.excluded.isEmpty && then == now {
                    doc.paragraph(say(.reportBothYearsAreComputedWith(now: "\(now)")))
                } else if comparability.excluded.isEmpty {
                    doc.paragraph(say(.reportEditionsAndDefineEveryIndicator(then: "\(then)", now: "\(now)")))
                } else {
                    doc.paragraph(say(.reportOnlyWhatIsComparableIs(comparable: "\(comparability.comparable.count)", excluded: "\(comparability.excluded.count)")))
                    doc.blocks.append(.list(comparability.excluded.map { "\($0.nodeID): \($0.reason[language])" }))
                }
            } else {
                doc.paragraph(say(.reportTheBlockHasNoData(base: "\(base)")))
                continue
            }
            var components = ReportDocument.Table(name: "change-\(id)", caption: say(.reportChangeOfTheCategoryMeans),
                                                  headers: [say(.reportCategory), String(base), String(latest), say(.reportChange)])
            for change in trend.components where change.depth == 1 {
                components.rows.append([.init("\(change.id) \(change.label[language])"), .init(say.fixed(change.previousMean, 3), number: change.previousMean),
                                        .init(say.fixed(change.mean, 3), number: change.mean), .init(say.signed(change.change, 3), number: change.change)])
            }
            doc.table(components)
            var movers = ReportDocument.Table(name: "movers-\(id)", caption: say(.reportBiggestMoversUpAndDown),
                                              headers: [say(.reportUnit), String(base), String(latest), say(.reportChange), say(.reportRank), say(.reportPlaces)])
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
        doc.heading(say(.reportUncertaintyOfTheRanks), anchor: "uncertainty")
        let method = spec.method == .sobol ? say(.reportSobolSaltelliDesign) : "Monte Carlo"
        doc.paragraph(say(.reportTheRanksRecomputedUnderOther(period: say.period(main.period), method: "\(method)", runs: "\(spec.runs)", seed: "\(spec.seed)", interval: "\(percentiles(spec.interval))")))
        doc.blocks.append(.list(spec.inputs.map { "\($0.id): \($0.label[language])" }))
        for block in result.blocks {
            let id = block.block.id
            doc.heading(block.block.name[language], level: 3, anchor: "uncertainty-\(id)")
            doc.paragraph(say(.reportModelRunsScenariosMeanRank(runs: "\(block.runs)", scenarios: "\(block.scenarios)", meanRankShift: say.fixed(block.meanRankShift, 2))))
            var svg = RankIntervalChart.svg(block, interval: spec.interval, language: language)
            var narrow = RankIntervalChart.svg(block, interval: spec.interval, language: language, width: Int(PhoneDrawing.width))
            while svg.hasSuffix("\n") { svg.removeLast() }
            while narrow.hasSuffix("\n") { narrow.removeLast() }
            doc.figure(.init(svg: svg, caption: say(.reportFigureTheRankIntervalBar(interval: "\(percentiles(spec.interval))")),
                             fileName: "rank-intervals-\(id)", narrowSVG: narrow))
            var table = ReportDocument.Table(name: "uncertainty-\(id)", caption: say(.reportRankIntervals) + " — " + block.block.name[language],
                                             headers: [say(.reportUnit), say(.reportRank), say(.reportMedian), percentiles(spec.interval),
                                                       say(.reportMostInfluentialInput)],
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
        doc.heading(say(.reportAppendixMethodology), anchor: "methodology")
        methodologyProse(into: &doc)
        doc.paragraph("\(methodology.title[language]) (\(methodology.id), \(say(.reportEdition)) \(methodology.edition)). "
                      + say(.reportScaleMissingRounding(scale: methodology.scale, missing: methodology.missing, decimals: decimals)))
        doc.heading(say(.reportLegalSources), level: 3)
        doc.blocks.append(.list(methodology.sources.map { source in
            [source.id, source.date, source.title?[language], source.url].compactMap { $0 }.joined(separator: " — ")
        }))
        doc.heading(say(.reportBlocks), level: 3)
        doc.blocks.append(.list(methodology.blocks.map { "\($0.id): \($0.name[language])" + ($0.appendix.map { " (\($0))" } ?? "") }))
        var table = ReportDocument.Table(name: "indicators", caption: say(.reportIndicatorsRulesAndWeights),
                                         headers: [say(.reportId), say(.reportIndicator), methodology.scale == .points ? say(.reportMaxPoints) : say(.reportWeight),
                                                   say(.reportValue), say(.reportRule), say(.reportByBlock), say(.reportSource)],
                                         alignments: [.left, .left, .right, .left, .left, .left, .left])
        for node in methodology.allNodes.dropFirst() {
            let overrides = node.overrides.keys.sorted().map { block -> String in
                let o = node.overrides[block]!
                return "\(block): " + [o.weight.map { say(.reportWeightWord) + " " + NumberFormatting.format($0) }, o.scoring.map(say.rule), o.value.map(\.description)].compactMap { $0 }.joined(separator: ", ")
            } + (node.blocks.map { [say(.reportOnlyBlocks) + $0.joined(separator: ", ")] } ?? [])
            let provenance = node.provenance.map { $0 == .published ? say(.reportPublished) : say(.reportReconstructed) } ?? ""
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
            return "\(node.id) \(node.label[language]) — " + (points ? say(.reportUpToPoints(weight: say.number(weight))) : say(.reportWeighted(weight: say.number(weight)))) + share
        }
        doc.paragraph(say(.reportTheIndexHasCategories(categories: "\(categories.count)")))
        doc.blocks.append(.list(listed))
        doc.paragraph(points
            ? say(.reportEachIndicatorGivesPointsBy(total: say.number(total)))
            : say(.reportEachIndicatorIsScoredOn))
        let blocks = methodology.blocks.map { $0.name[language] }.joined(separator: "; ")
        doc.paragraph(say(.reportUnitsAreRankedWithinEach(blocks: "\(blocks)", decimals: "\(decimals)")))
        if !methodology.classification.isEmpty {
            var upper: ClassificationBand?
            let bands = methodology.classification.map { band -> String in
                defer { upper = band }
                let from = say.fixed(band.minimum, 2)
                guard let upper else { return "\(band.label[language]): " + say(.reportFrom(value: "\(from)")) }
                return "\(band.label[language]): " + say(.reportFromToBelow(value: "\(from)", minimum: say.fixed(upper.minimum, 2)))
            }
            doc.paragraph(say(.reportClassificationByTheRoundedIndex) + bands.joined(separator: "; ") + ".")
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
        let back = ReportDocument.Block.back(text: say(.reportNationalReport), target: "index")
        doc.blocks.append(back)
        doc.heading(title, level: 1)
        doc.paragraph(standing(a))
        if let base = data.trends.base, let change = data.trends.block(a.block.id)?.units.first(where: { $0.id == id }), !change.previous.isNaN {
            doc.paragraph(say(.reportInIndexRankChange(base: "\(base)", previous: say.fixed(change.previous, decimals), previousRank: say.rank(change.previousRank), change: say.signed(change.change, decimals), placesGained: "\(placesText(change.placesGained))")))
        }
        if let uncertainty = data.uncertainty, let unit = uncertainty.block(a.block.id)?.units.first(where: { $0.id == id }) {
            doc.paragraph(say(.reportUncertaintyOfTheRank)
                          + unit.summary(inputs: uncertainty.inputs, interval: uncertainty.spec.interval, language: language) + ".")
        }
        let categories = a.components.filter { $0.depth == 1 }
        var bars = BarChart(title: say(.reportCategories) + " — " + a.name,
                            items: categories.map { .init(label: $0.label[language], value: $0.score, valueText: say.fixed($0.score, 2), markers: [$0.blockMean, $0.blockBest]) },
                            markerLegend: [say(.reportBlockMean), say(.reportBlockBest)])
        bars.width = 560  // beside the 480-wide trend chart on an A4 page
        var figures = [ReportDocument.Figure(svg: bars.svg, caption: say(.reportFigureCategoryScoresAgainstThe),
                                             narrowSVG: bars.narrow.svg)]
        if data.results.count > 1 {
            let values = data.results.map { result -> Double in
                guard let b = result.block(a.block.id), let i = b.unitIndex(id) else { return .nan }
                return b.index[i]
            }
            let means = data.trends.block(a.block.id)?.means ?? []
            let chart = LineChart(title: say(.reportTrend) + " — " + a.name, categories: data.results.map { say.period($0.period) },
                                  series: [.init(name: a.name, values: values), .init(name: say(.reportBlockMean), values: means, dashed: true)],
                                  format: { [say] in say.fixed($0, 1) }, pointFormat: { [say, decimals] in say.fixed($0, decimals) })
            figures.append(.init(svg: chart.svg, caption: say(.reportFigureUnitIndexByYear),
                                 narrowSVG: chart.narrow.svg))
        }
        doc.blocks.append(.row(figures))
        doc.heading(say(.reportStrengthsAndWeaknesses), level: 2)
        doc.blocks.append(.list(strengthsAndWeaknesses(a)))
        doc.heading(say(.reportWhatIf), level: 2)
        doc.paragraph(say(.reportTheChangesThatGainThe))
        doc.table(whatIfTable(a))
        doc.heading(say(.reportHowTheIndexWasComputed), level: 2)
        doc.table(explainTable(block.explain(unit: u), block: block))
        doc.blocks.append(back)
        return doc
    }

    /// The categories above the block mean, then those below, with the unit's score and the mean.
    func strengthsAndWeaknesses(_ a: Assessment) -> [String] {
        let strengths = a.strengths.map { say(.reportStrength(category: $0.label[language], score: say.fixed($0.score, 2), mean: say.fixed($0.blockMean, 2))) }
        let weaknesses = a.weaknesses.map { say(.reportWeakness(category: $0.label[language], score: say.fixed($0.score, 2), mean: say.fixed($0.blockMean, 2))) }
        return strengths + weaknesses
    }

    /// The what-if table of `scenarios` (by default every scenario of the assessment).
    func whatIfTable(_ a: Assessment, scenarios: [Assessment.WhatIf]? = nil) -> ReportDocument.Table {
        var table = ReportDocument.Table(name: "whatif-\(a.unitID)", headers: [say(.reportIndicator), say(.reportTarget), say(.reportChangedAnswers),
                                                                               say(.reportValue), say(.reportPoints), say(.reportNewIndex), say(.reportRank)],
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
        var table = ReportDocument.Table(name: "explain", headers: [say(.reportId), say(.reportIndicator), say(.reportValue), say(.reportComputation),
                                                                   say(.reportScore), points ? say(.reportPointsMax) : say(.reportWeight), say(.reportRank), say(.reportBlockMeanShort)],
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
