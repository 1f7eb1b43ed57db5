// The message catalog: the national report's issuer, data date and footer.

package extension Message {
    /// The issuer line of the report's title page.
    static func reportIssuedBy(_ issuer: LocalizedText) -> Message {
        Message(vi: "Cơ quan ban hành: \(issuer.vi).", en: "Issued by: \(issuer.en).")
    }

    /// The day the last answers of the main year were received (the workspace's latest import),
    /// already formatted in the language.
    static func reportDataReceived(_ date: String) -> Message {
        Message(vi: "Số liệu được nhận đến ngày \(date) (lần nộp gần nhất của năm chính).",
                en: "Data as received up to \(date) (the latest submission of the main year).")
    }

    /// The footer of every report page: the title and year, the issuer when declared.
    static func reportFooter(title: LocalizedText, period: String, issuer: LocalizedText?) -> Message {
        let page = Message(vi: "\(title.vi), năm \(period)", en: "\(title.en), year \(period)")
        guard let issuer else { return page }
        return Message(vi: "\(issuer.vi) · \(page.vi)", en: "\(issuer.en) · \(page.en)")
    }

    // MARK: The national report's texts (moved from NationalReport.swift's paired vi/en strings)

    static let reportYear = Message(vi: "năm", en: "year")

    static let reportUnitPages = Message(vi: "Trang của từng đơn vị", en: "Unit pages")

    static func reportAssessedUnder(id: String, date: String) -> Message {
        Message(vi: "Đánh giá theo \(id)\(date)",
                en: "Assessed under \(id)\(date)")
    }

    static func reportDataDescribeYear(year: String) -> Message {
        Message(vi: " Số liệu tính đến ngày \(year).",
                en: " The data describe the year to \(year).")
    }

    static func reportEditionDataYearsMainYear(title: String, edition: String, periods: String, period: String) -> Message {
        Message(vi: "\(title), phiên bản \(edition). Số liệu các năm: \(periods); năm chính của báo cáo: \(period).",
                en: "\(title), edition \(edition). Data years: \(periods); main year of the report: \(period).")
    }

    static let reportSummary = Message(vi: "Tóm tắt", en: "Summary")

    static let reportKeyFindings = Message(vi: "Những điểm chính", en: "Key findings")

    static let reportComponentScores = Message(vi: "Điểm thành phần", en: "Component scores")

    static let reportTrends = Message(vi: "Xu hướng", en: "Trends")

    static let reportUncertaintyOfTheRanks = Message(vi: "Độ bất định của thứ hạng", en: "Uncertainty of the ranks")

    static let reportAppendixMethodology = Message(vi: "Phụ lục: phương pháp tính", en: "Appendix: methodology")

    static func reportUnitsRose(meanChange: String, base: String, rose: String, compared: String) -> Message {
        Message(vi: " (\(meanChange) so với \(base)); \(rose)/\(compared) đơn vị tăng chỉ số",
                en: " (\(meanChange) on \(base)); \(rose) of \(compared) units raised their index")
    }

    static func reportTheBiggestRise(name: String, change: String, placesGained: String) -> Message {
        Message(vi: "; tăng nhiều nhất: \(name) (\(change)\(placesGained))",
                en: "; the biggest rise: \(name) (\(change)\(placesGained))")
    }

    static let reportClassified = Message(vi: "; xếp loại: ", en: "; classified: ")

    static func reportBelowEveryBand(below: String) -> Message {
        Message(vi: ", \(below) chưa đạt mức nào",
                en: ", \(below) below every band")
    }

    static let reportBlockMeansByYear = Message(vi: "Trung bình khối theo năm", en: "Block means by year")

    static let reportBlock = Message(vi: "Khối", en: "Block")

    static let reportChange = Message(vi: "Thay đổi", en: "Change")

    static func reportMeanSince(means: String, base: String, last: String, latest: String, meanChange: String) -> Message {
        Message(vi: "trung bình \(means) (\(base)) → \(last) (\(latest)), \(meanChange)",
                en: "mean \(means) (\(base)) → \(last) (\(latest)), \(meanChange)")
    }

    static let reportRoseMost = Message(vi: "; tăng nhiều nhất: ", en: "; rose most: ")

    static let reportAnd = Message(vi: " và ", en: " and ")

    static func reportMeanNow(mean: String) -> Message {
        Message(vi: "trung bình \(mean)",
                en: "mean \(mean)")
    }

    static let reportFigureEachBlockSMean = Message(vi: "Hình: trung bình chỉ số của mỗi khối theo năm.", en: "Figure: each block's mean index by year.")

    static func reportUnitsMeanMedianMinMax(count: String, mean: String, median: String, minimum: String, maximum: String) -> Message {
        Message(vi: "\(count) đơn vị · trung bình \(mean) · trung vị \(median) · thấp nhất \(minimum) · cao nhất \(maximum)",
                en: "\(count) units · mean \(mean) · median \(median) · min \(minimum) · max \(maximum)")
    }

    static let reportRanking = Message(vi: "Xếp hạng", en: "Ranking")

    static let reportRank = Message(vi: "Hạng", en: "Rank")

    static let reportRankInGroup = Message(vi: "Hạng trong nhóm", en: "Rank in group")

    static let reportUnit = Message(vi: "Đơn vị", en: "Unit")

    static let reportIndex = Message(vi: "Chỉ số", en: "Index")

    static func reportRankIn(base: String) -> Message {
        Message(vi: "Hạng \(base)",
                en: "Rank \(base)")
    }

    static let reportPlaces = Message(vi: "± hạng", en: "± places")

    static let reportClass = Message(vi: "Xếp loại", en: "Class")

    static let reportMeanWord = Message(vi: "trung bình", en: "mean")

    static let reportFigureUnitsIndex = Message(vi: "Hình: chỉ số các đơn vị, đường đứt là trung bình khối.", en: "Figure: the units' index; the dashed line is the block mean.")

    static let reportIndexMap = Message(vi: "Bản đồ chỉ số", en: "Index map")

    static let reportFigureTileMapOfThe = Message(vi: "Hình: bản đồ ô các tỉnh, màu theo chỉ số (đậm hơn là cao hơn).", en: "Figure: tile map of the provinces coloured by index (darker is higher).")

    static let reportCodesOnTheMap = Message(vi: "Mã trên bản đồ: ", en: "Codes on the map: ")

    static let reportNotRankedScreenedOutFor = Message(vi: "Không xếp hạng (sàng lọc theo mức đủ dữ liệu):", en: "Not ranked (screened out for missing data):")

    static func reportRankingBy(label: String) -> Message {
        Message(vi: "Xếp hạng theo \(label)",
                en: "Ranking by \(label)")
    }

    static func reportRankingAsTheUnitsOf(asOf: String) -> Message {
        Message(vi: "Xếp hạng theo các đơn vị hành chính ngày \(asOf)",
                en: "Ranking as the units of \(asOf)")
    }

    static let reportCombines = Message(vi: "Gồm", en: "Combines")

    static let reportEachCategorySScoreOn = Message(vi: "Điểm mỗi hạng mục trên thang 0–1; màu đậm hơn là điểm cao hơn.", en: "Each category's score on 0–1; darker is higher.")

    static let reportDataOfOneYearOnly = Message(vi: "Chỉ có số liệu một năm; không có so sánh theo thời gian.", en: "Data of one year only; no comparison over time.")

    static func reportComparedAsTheUnitsOf(asOf: String) -> Message {
        Message(vi: "So sánh theo các đơn vị hành chính ngày \(asOf): giá trị của các đơn vị đã sáp nhập được tính từ các đơn vị tiền thân.",
                en: "Compared as the units of \(asOf): merged units take their values from their predecessors.")
    }

    static func reportBothYearsAreComputedWith(now: String) -> Message {
        Message(vi: "Cả hai năm được tính theo cùng một bộ chỉ tiêu (phiên bản \(now)); mọi chỉ tiêu được so sánh.",
                en: "Both years are computed with the same methodology (edition \(now)); every indicator is compared.")
    }

    static func reportEditionsAndDefineEveryIndicator(then: String, now: String) -> Message {
        Message(vi: "Hai phiên bản \(then) và \(now) định nghĩa mọi chỉ tiêu như nhau; mọi chỉ tiêu được so sánh.",
                en: "Editions \(then) and \(now) define every indicator the same way; every indicator is compared.")
    }

    static func reportOnlyWhatIsComparableIs(comparable: String, excluded: String) -> Message {
        Message(vi: "Chỉ so sánh những gì so sánh được: \(comparable) chỉ tiêu; loại trừ \(excluded):",
                en: "Only what is comparable is compared: \(comparable) nodes; \(excluded) excluded:")
    }

    static func reportTheBlockHasNoData(base: String) -> Message {
        Message(vi: "Khối không có số liệu năm \(base).",
                en: "The block has no data for \(base).")
    }

    static let reportChangeOfTheCategoryMeans = Message(vi: "Thay đổi trung bình theo hạng mục", en: "Change of the category means")

    static let reportCategory = Message(vi: "Hạng mục", en: "Category")

    static let reportBiggestMoversUpAndDown = Message(vi: "Thay đổi lớn nhất (lên và xuống)", en: "Biggest movers (up and down)")

    static let reportSobolSaltelliDesign = Message(vi: "Sobol (thiết kế Saltelli)", en: "Sobol (Saltelli design)")

    static func reportTheRanksRecomputedUnderOther(period: String, method: String, runs: String, seed: String, interval: String) -> Message {
        Message(vi: "Thứ hạng năm \(period) được tính lại theo các lựa chọn phương pháp khác nhau: \(method), \(runs) mẫu gốc, hạt giống \(seed). Khoảng hạng là phân vị \(interval) của hạng qua các kịch bản.",
                en: "The \(period) ranks recomputed under other methodological choices: \(method), \(runs) base samples, seed \(seed). The rank interval is the \(interval) percentile range of the rank over the scenarios.")
    }

    static func reportModelRunsScenariosMeanRank(runs: String, scenarios: String, meanRankShift: String) -> Message {
        Message(vi: "\(runs) lần chạy, \(scenarios) kịch bản; thay đổi hạng trung bình \(meanRankShift) bậc.",
                en: "\(runs) model runs, \(scenarios) scenarios; mean rank shift \(meanRankShift) places.")
    }

    static func reportFigureTheRankIntervalBar(interval: String) -> Message {
        Message(vi: "Hình: khoảng hạng \(interval) (thanh), trung vị (chấm tròn) và hạng công bố (hình thoi).",
                en: "Figure: the \(interval) rank interval (bar), the median (dot) and the published rank (diamond).")
    }

    static let reportRankIntervals = Message(vi: "Khoảng hạng", en: "Rank intervals")

    static let reportMedian = Message(vi: "Trung vị", en: "Median")

    static let reportMostInfluentialInput = Message(vi: "Yếu tố ảnh hưởng nhất", en: "Most influential input")

    static let reportEdition = Message(vi: "phiên bản", en: "edition")

    static let reportLegalSources = Message(vi: "Văn bản pháp lý", en: "Legal sources")

    static let reportBlocks = Message(vi: "Khối", en: "Blocks")

    static let reportIndicatorsRulesAndWeights = Message(vi: "Chỉ tiêu, quy tắc và trọng số", en: "Indicators, rules and weights")

    static let reportId = Message(vi: "Mã", en: "Id")

    static let reportIndicator = Message(vi: "Chỉ tiêu", en: "Indicator")

    static let reportMaxPoints = Message(vi: "Điểm tối đa", en: "Max points")

    static let reportWeight = Message(vi: "Trọng số", en: "Weight")

    static let reportValue = Message(vi: "Giá trị", en: "Value")

    static let reportRule = Message(vi: "Quy tắc", en: "Rule")

    static let reportByBlock = Message(vi: "Theo khối", en: "By block")

    static let reportSource = Message(vi: "Nguồn", en: "Source")

    static let reportWeightWord = Message(vi: "trọng số", en: "weight")

    static let reportOnlyBlocks = Message(vi: "chỉ khối ", en: "only ")

    static let reportPublished = Message(vi: "đã công bố", en: "published")

    static let reportReconstructed = Message(vi: "dựng lại", en: "reconstructed")

    static func reportUpToPoints(weight: String) -> Message {
        Message(vi: "tối đa \(weight) điểm",
                en: "up to \(weight) points")
    }

    static func reportWeighted(weight: String) -> Message {
        Message(vi: "trọng số \(weight)",
                en: "weight \(weight)")
    }

    static func reportTheIndexHasCategories(categories: String) -> Message {
        Message(vi: "Chỉ số gồm \(categories) hạng mục:",
                en: "The index has \(categories) categories:")
    }

    static func reportEachIndicatorGivesPointsBy(total: String) -> Message {
        Message(vi: "Mỗi chỉ tiêu cho một số điểm theo quy tắc của nó (bảng dưới); điểm các chỉ tiêu cộng thành điểm hạng mục, và chỉ số là tổng điểm chia cho tổng điểm tối đa (\(total)), trên thang 0–1. Điểm tối đa có thể khác theo khối (cột \"Theo khối\").",
                en: "Each indicator gives points by its rule (table below); the points add up to each category's, and the index is the total over the maximum (\(total)), on 0–1. Maxima may differ by block (column \"By block\").")
    }

    static let reportEachIndicatorIsScoredOn = Message(vi: "Mỗi chỉ tiêu được chuẩn hoá về thang 0–1 theo quy tắc của nó (bảng dưới) rồi gộp theo trọng số thành hạng mục và chỉ số.", en: "Each indicator is scored on 0–1 by its rule (table below), then combined by weight into categories and the index.")

    static func reportUnitsAreRankedWithinEach(blocks: String, decimals: String) -> Message {
        Message(vi: "Các đơn vị được xếp hạng riêng trong từng khối (\(blocks)), theo chỉ số làm tròn \(decimals) chữ số thập phân như khi công bố. Các đơn vị bằng nhau cùng hạng, và hạng kế tiếp bỏ qua số chỗ đã chia (1, 2, 2, 4).",
                en: "Units are ranked within each block (\(blocks)) on the index rounded to \(decimals) decimals, as published. Equal units share a rank and the next rank skips the places they share (1, 2, 2, 4).")
    }

    static func reportFrom(value: String) -> Message {
        Message(vi: "từ \(value)",
                en: "from \(value)")
    }

    static func reportFromToBelow(value: String, minimum: String) -> Message {
        Message(vi: "từ \(value) đến dưới \(minimum)",
                en: "from \(value) to below \(minimum)")
    }

    static let reportClassificationByTheRoundedIndex = Message(vi: "Xếp loại theo chỉ số đã làm tròn: ", en: "Classification by the rounded index: ")

    static let reportNationalReport = Message(vi: "← Báo cáo chung", en: "← National report")

    static func reportInIndexRankChange(base: String, previous: String, previousRank: String, change: String, placesGained: String) -> Message {
        Message(vi: "Năm \(base): chỉ số \(previous), hạng \(previousRank); thay đổi \(change)\(placesGained).",
                en: "In \(base): index \(previous), rank \(previousRank); change \(change)\(placesGained).")
    }

    static let reportUncertaintyOfTheRank = Message(vi: "Độ bất định của hạng: ", en: "Uncertainty of the rank: ")

    static let reportCategories = Message(vi: "Các hạng mục", en: "Categories")

    static let reportBlockMean = Message(vi: "trung bình khối", en: "block mean")

    static let reportBlockBest = Message(vi: "tốt nhất khối", en: "block best")

    static let reportFigureCategoryScoresAgainstThe = Message(vi: "Hình: điểm các hạng mục (0–1) so với trung bình và tốt nhất của khối.", en: "Figure: category scores (0–1) against the block mean and best.")

    static let reportTrend = Message(vi: "Xu hướng", en: "Trend")

    static let reportFigureUnitIndexByYear = Message(vi: "Hình: chỉ số của đơn vị và trung bình khối theo năm.", en: "Figure: the unit's index and the block mean by year.")

    static let reportStrengthsAndWeaknesses = Message(vi: "Điểm mạnh và điểm yếu", en: "Strengths and weaknesses")

    static let reportWhatIf = Message(vi: "Nếu cải thiện thì sao", en: "What if")

    static let reportTheChangesThatGainThe = Message(vi: "Những thay đổi số liệu mang lại nhiều điểm nhất, do bộ máy tính toán lại cả khối (không ước lượng).", en: "The changes that gain the most, each recomputed by the engine over the whole block (not estimated).")

    static let reportHowTheIndexWasComputed = Message(vi: "Cách tính chi tiết", en: "How the index was computed")

    /// A category above the block mean: its score against the mean (numbers already written).
    static func reportStrength(category: String, score: String, mean: String) -> Message {
        Message(vi: "Mạnh: \(category) (\(score) / TB \(mean))", en: "Strength: \(category) (\(score) / mean \(mean))")
    }


    /// A category below the block mean: its score against the mean (numbers already written).
    static func reportWeakness(category: String, score: String, mean: String) -> Message {
        Message(vi: "Yếu: \(category) (\(score) / TB \(mean))", en: "Weakness: \(category) (\(score) / mean \(mean))")
    }

    static let reportTarget = Message(vi: "Mục tiêu", en: "Target")

    static let reportChangedAnswers = Message(vi: "Thay đổi số liệu", en: "Changed answers")

    static let reportPoints = Message(vi: "+ điểm", en: "+ points")

    static let reportNewIndex = Message(vi: "Chỉ số mới", en: "New index")

    static let reportComputation = Message(vi: "Cách tính", en: "Computation")

    static let reportScore = Message(vi: "Điểm", en: "Score")

    static let reportPointsMax = Message(vi: "Điểm/tối đa", en: "Points/max")

    static let reportBlockMeanShort = Message(vi: "TB khối", en: "Block mean")

    // MARK: National report texts that choose words by value

    /// " ngày 18/12/2017" / " of 2017-12-18" after a legal document's id (the date already written).
    static func reportSourceDate(_ date: String) -> Message { Message(vi: " ngày \(date)", en: " of \(date)") }

    /// The leader(s) of a block and its mean (values already formatted).
    static func reportBlockLeaders(block: String, leaders: [String], index: String, mean: String) -> Message {
        let names = leaders.joined(separator: ", ")
        let leadVi = names + " dẫn đầu", leadEn = names + (leaders.count > 1 ? " lead" : " leads")
        return Message(vi: "\(block): \(leadVi) với chỉ số \(index); trung bình khối \(mean)",
                       en: "\(block): \(leadEn) with an index of \(index); the block mean is \(mean)")
    }

    /// The appendix's one-line summary of the scale, the missing-data policy and the rounding.
    static func reportScaleMissingRounding(scale: Methodology.Scale, missing: MissingPolicy, decimals: Int) -> Message {
        let scaleVi = scale == .points ? "điểm" : "0–1"
        let scaleEn = scale.rawValue
        let missingVi = missing.name(in: .vi), missingEn = missing.name(in: .en)
        return Message(vi: "Thang điểm: \(scaleVi); thiếu số liệu: \(missingVi); xếp hạng trên giá trị làm tròn \(decimals) chữ số.",
                       en: "Scale: \(scaleEn); missing data: \(missingEn); ranked on values rounded to \(decimals) decimals.")
    }

    /// " Xếp loại: " / " Class: " before a unit's classification band.
    static let reportClassOfUnit = Message(vi: " Xếp loại: ", en: " Class: ")

    // MARK: What-if targets

    static let whatIfNextStep = Message(vi: "bậc kế tiếp", en: "next step")
    static let whatIfFullMarks = Message(vi: "đủ điểm", en: "full marks")
    static let whatIfBlockBest = Message(vi: "bằng đơn vị tốt nhất", en: "match the block's best")
    static let whatIfPlusTenPoints = Message(vi: "+10 điểm phần trăm", en: "+10 percentage points")

    // MARK: Terminal tables, explanations, exports and downloads

    static func rankingTitleYear(_ period: Int) -> Message { Message(vi: " — năm \(period)", en: " — year \(period)") }
    static func rankingAsUnitsOf(_ day: String, rule: LineageRule) -> Message {
        let ruleVi = rule.name(in: .vi), ruleEn = rule.name(in: .en)
        return Message(vi: "Theo các đơn vị hành chính ngày \(day) (quy tắc kế thừa: \(ruleVi))", en: "As the units of \(day) (lineage rule: \(ruleEn))")
    }
    static func rankingRankIn(_ attribute: String) -> Message { Message(vi: "Hạng trong \(attribute)", en: "Rank in \(attribute)") }

    static func explainTitleYear(_ period: Int) -> Message { Message(vi: " — năm \(period)", en: " — \(period)") }
    static let explainPoints = Message(vi: "điểm", en: "points")
    static func explainRank(_ rank: Int, of count: Int) -> Message { Message(vi: ", hạng \(rank)/\(count)", en: ", rank \(rank)/\(count)") }
    static let explainValue = Message(vi: "giá trị", en: "value")
    static let explainNotAnswered = Message(vi: "  [không trả lời]", en: "  [not answered]")
    static let explainRule = Message(vi: "quy tắc", en: "rule")

    static let exportObservationsSheet = Message(vi: "Số liệu", en: "Observations")
    static let exportPeriod = Message(vi: "Năm", en: "Period")

    static let downloadWorkbook = Message(vi: "Bảng tính Excel: mọi bảng của trang này (report.xlsx)", en: "Excel workbook: every table of this page (report.xlsx)")
    static let downloadMarkdown = Message(vi: "Bản Markdown (index.md)", en: "Markdown version (index.md)")
    static let downloadJSON = Message(vi: "Dữ liệu JSON (report.json)", en: "JSON data (report.json)")
    static let downloadRankings = Message(vi: "Xếp hạng (rankings.csv)", en: "Rankings (rankings.csv)")
    static let downloadsHeading = Message(vi: "Tải về", en: "Downloads")

    static let sobolSamplingError = Message(vi: "  (S âm hoặc S > ST là sai số lấy mẫu của ước lượng: S thật nằm giữa 0 và ST; tăng --runs để thu hẹp sai số.)",
                                            en: "  (S below 0 or S above ST is sampling error of the estimates: the true S lies between 0 and ST; more --runs narrow it.)")

    // MARK: Rank intervals (uncertainty of the ranks)

    /// A unit's rank that stays the same in the central interval of the scenarios.
    static func rankIntervalOne(rank: Int, best: Int, percent: String) -> Message {
        let rankEn = NumberFormatting.englishOrdinal(rank), bestEn = NumberFormatting.englishOrdinal(best)
        return Message(vi: "Hạng \(rank), hạng \(best) ở \(percent)% kịch bản", en: "\(rankEn), \(bestEn) in \(percent)% of scenarios")
    }

    /// A unit's rank and the interval it stays in for the central share of the scenarios.
    static func rankIntervalRange(rank: Int, best: Int, worst: Int, percent: String) -> Message {
        let rankEn = NumberFormatting.englishOrdinal(rank), bestEn = NumberFormatting.englishOrdinal(best), worstEn = NumberFormatting.englishOrdinal(worst)
        return Message(vi: "Hạng \(rank), trong khoảng hạng \(best)–\(worst) ở \(percent)% kịch bản",
                       en: "\(rankEn), between \(bestEn) and \(worstEn) in \(percent)% of scenarios")
    }

    static func mostSensitiveTo(_ input: LocalizedText) -> Message {
        Message(vi: "; nhạy nhất với \(input.vi)", en: "; most sensitive to \(input.en)")
    }

    static func rankIntervalChartTitle(percent: String, block: LocalizedText, scenarios: Int) -> Message {
        Message(vi: "Khoảng hạng \(percent)% — \(block.vi) (\(scenarios) kịch bản)", en: "\(percent)% rank intervals — \(block.en) (\(scenarios) scenarios)")
    }
}
