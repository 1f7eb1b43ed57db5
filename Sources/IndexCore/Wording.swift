/// Names and one-sentence explanations of the methodology language's rules, aggregations and
/// policies, in Vietnamese and English: the one place explanations, reports and the web server
/// take them from.
///
/// Numbers in Vietnamese texts use the decimal comma (`0,8927`), in English the point.

/// Picks the text of `language`.
@inline(__always)
func say(_ language: Language, _ vi: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String {
    language == .vi ? vi() : en()
}

extension ScoringRule {
    /// The rule's name, e.g. `tỷ lệ` / `ratio`, `min–max`.
    public func name(in language: Language) -> String {
        switch self {
        case .ratio: say(language, "tỷ lệ", "ratio")
        case .asIs(let clamp): clamp ? say(language, "giá trị (giới hạn 0–1)", "value (clamped to 0–1)") : say(language, "giá trị", "value")
        case .yesNo: say(language, "có/không", "yes/no")
        case .relativeToBest: say(language, "so với đơn vị tốt nhất khối", "relative to the block's best")
        case .goalpost: say(language, "ngưỡng", "goalposts")
        case .steps: say(language, "bậc", "steps")
        case .cappedCount: say(language, "đếm có giới hạn", "capped count")
        case .minMax: "min–max"
        case .zScore: "z-score"
        case .rank: say(language, "thứ hạng", "rank")
        case .percentile: say(language, "bách phân vị", "percentile")
        case .percentRank: say(language, "thứ hạng phần trăm", "percent rank")
        case .borda: say(language, "điểm Borda", "Borda score")
        case .distanceToReference: say(language, "khoảng cách tới đơn vị tham chiếu", "distance to a reference unit")
        case .distanceToTarget: say(language, "khoảng cách tới mục tiêu", "distance to a target")
        }
    }

    /// What the rule does, in one sentence.
    public func explanation(in language: Language) -> String {
        switch self {
        case .ratio: say(language, "Giá trị là một tỷ lệ, giới hạn trong 0–1.", "The value is a share, clamped to 0–1.")
        case .asIs(let clamp): clamp ? say(language, "Giá trị được dùng làm điểm, giới hạn trong 0–1.", "The value is the score, clamped to 0–1.")
                : say(language, "Giá trị được dùng làm điểm.", "The value is the score.")
        case .yesNo: say(language, "Có được đủ điểm, không được 0.", "Yes scores full marks, no scores 0.")
        case .relativeToBest: say(language, "Giá trị chia cho giá trị tốt nhất của khối.", "The value divided by the best value of the block.")
        case .goalpost: say(language, "Khoảng cách từ ngưỡng dưới tới ngưỡng trên: đủ điểm khi đạt ngưỡng trên.", "The distance from the low goalpost to the high one: full marks at the high one.")
        case .steps: say(language, "Bậc đầu tiên mà giá trị đạt tới cho điểm.", "The first step the value reaches gives the score.")
        case .cappedCount: say(language, "Mỗi mục một phần điểm, tối đa tới mức trần.", "One share of the score per item, up to the cap.")
        case .minMax: say(language, "(giá trị − nhỏ nhất) / (lớn nhất − nhỏ nhất) trong khối.", "(value − minimum) / (maximum − minimum) across the block.")
        case .zScore: say(language, "(giá trị − trung bình) / độ lệch chuẩn trong khối.", "(value − mean) / standard deviation across the block.")
        case .rank: say(language, "(n − hạng) / (n − 1) theo thứ hạng trong khối.", "(n − rank) / (n − 1) by the rank within the block.")
        case .percentile: say(language, "Tỷ lệ các đơn vị khác có giá trị thấp hơn, bằng nhau tính một nửa.", "The share of the other units with a lower value, ties counting half.")
        case .percentRank: say(language, "Tỷ lệ các đơn vị khác có giá trị thấp hơn hẳn (n_prank của COINr).", "The share of the other units with a strictly lower value (COINr's n_prank).")
        case .borda: say(language, "Số đơn vị của khối có giá trị thấp hơn (n_borda của COINr).", "The number of units of the block with a lower value (COINr's n_borda).")
        case .distanceToReference: say(language, "1 − (tham chiếu − giá trị) / (tham chiếu − nhỏ nhất) (n_dist2ref của COINr).", "1 − (reference − value) / (reference − minimum) (COINr's n_dist2ref).")
        case .distanceToTarget: say(language, "1 − (mục tiêu − giá trị) / (mục tiêu − nhỏ nhất) (n_dist2targ của COINr).", "1 − (target − value) / (target − minimum) (COINr's n_dist2targ).")
        }
    }
}

extension Scoring {
    /// The rule with its parameters in words, e.g. `bậc: ≥ 12 → 25 điểm; ≥ 6 → 18 điểm` or
    /// `goalposts 0 → 0.3 (full marks)`, with `(lower is better)` when it applies.
    public func summary(in language: Language) -> String {
        let n = { (value: Double) in NumberFormatting.format(value, in: language) }
        let lower = direction == .lower
        var text: String
        switch rule {
        case .goalpost(let low, let high):
            text = say(language, "ngưỡng \(n(low)) → \(n(high)) (đủ điểm)", "goalposts \(n(low)) → \(n(high)) (full marks)")
            if truncate == false { text += say(language, ", không cắt", ", not truncated") }
        case .steps(let steps):
            let op = lower ? "≤" : "≥"
            text = say(language, "bậc: ", "steps: ") + steps.map { step in
                switch step.award {
                case .points(let points): "\(op) \(n(step.threshold)) → \(n(points))" + say(language, " điểm", " pts")
                case .score(let score): "\(op) \(n(step.threshold)) → \(n(score))"
                }
            }.joined(separator: "; ")
        case .cappedCount(let cap): text = say(language, "đếm, tối đa \(n(cap))", "count, up to \(n(cap))")
        case .distanceToReference(let unit): text = say(language, "khoảng cách tới \(unit)", "distance to \(unit)")
        case .distanceToTarget(let target): text = say(language, "khoảng cách tới mục tiêu \(n(target))", "distance to target \(n(target))")
        default: text = rule.name(in: language)
        }
        if truncate == true, case .distanceToReference = rule { text += say(language, ", tối đa 1", ", capped at 1") }
        if truncate == true, case .distanceToTarget = rule { text += say(language, ", tối đa 1", ", capped at 1") }
        switch output {
        case .range(let low, let high)?: text += say(language, ", thang \(n(low))–\(n(high))", ", on \(n(low))–\(n(high))")
        case .meanSD(let mean, let sd)?: text += say(language, ", trung bình \(n(mean)), độ lệch chuẩn \(n(sd))", ", mean \(n(mean)), sd \(n(sd))")
        case nil: break
        }
        if lower, case .steps = rule {} else if lower { text += say(language, " (thấp hơn là tốt hơn)", " (lower is better)") }
        return text
    }
}

extension Aggregation {
    /// The aggregation's name, e.g. `trung bình cộng` / `arithmetic mean`.
    public func name(in language: Language) -> String {
        switch self {
        case .arithmetic: say(language, "trung bình cộng", "arithmetic mean")
        case .geometric: say(language, "trung bình nhân", "geometric mean")
        case .harmonic: say(language, "trung bình điều hoà", "harmonic mean")
        case .median: say(language, "trung vị", "median")
        case .power(let p): say(language, "trung bình luỹ thừa bậc \(NumberFormatting.format(p, in: .vi))", "power mean with p = \(NumberFormatting.format(p))")
        case .copeland: say(language, "điểm Copeland", "Copeland score")
        }
    }

    /// What the aggregation does, in one sentence.
    public func explanation(in language: Language) -> String {
        switch self {
        case .arithmetic: say(language, "Tổng điểm các thành phần nhân trọng số, chia cho tổng trọng số.", "The children's scores times their weights, over the sum of the weights.")
        case .geometric: say(language, "Tích các điểm thành phần, mỗi điểm luỹ thừa theo tỷ trọng của nó.", "The product of the children's scores, each to the power of its share of the weight.")
        case .harmonic: say(language, "Tổng trọng số chia cho tổng (trọng số / điểm).", "The sum of the weights over the sum of weight / score.")
        case .median: say(language, "Điểm ở giữa khi xếp các điểm thành phần theo thứ tự, tính theo trọng số.", "The middle score when the children's scores are ordered, by weight.")
        case .power: say(language, "(Σ trọng số × điểm^p / Σ trọng số)^(1/p).", "(Σ weight × score^p / Σ weight)^(1/p).")
        case .copeland: say(language, "So sánh từng cặp đơn vị: tỷ trọng các thành phần mà đơn vị cao hơn (bằng nhau tính một nửa), trung bình trên các đơn vị khác.", "Each pair of units compared: the share of the weight on which the unit scores higher (ties half), averaged over the other units.")
        }
    }
}

extension MissingPolicy {
    /// The policy's name, e.g. `tính 0 điểm` / `scored 0`.
    public func name(in language: Language) -> String {
        switch self {
        case .zero: say(language, "tính 0 điểm", "scored 0")
        case .reweight: say(language, "bỏ qua, chia lại trọng số", "left out, weights re-shared")
        case .fail: say(language, "báo lỗi", "an error")
        }
    }

    /// What happens to a missing value under the policy, in one sentence.
    public func explanation(in language: Language) -> String {
        switch self {
        case .zero: say(language, "Giá trị thiếu được tính 0 điểm.", "A missing value scores 0.")
        case .reweight: say(language, "Giá trị thiếu được bỏ qua; nhóm cha chia lại trọng số cho các thành phần còn lại.", "A missing value is left out; the parent shares its weight among the others.")
        case .fail: say(language, "Giá trị thiếu làm dừng việc tính, nêu tên đơn vị và chỉ tiêu.", "A missing value stops the computation, naming the unit and the node.")
        }
    }
}

extension ZeroScorePolicy {
    /// The policy's name.
    public func name(in language: Language) -> String {
        switch self {
        case .error: say(language, "báo lỗi", "an error")
        case .zero: say(language, "nhóm được 0 điểm", "the group scores 0")
        }
    }
}

extension Imputation {
    /// The imputation's name.
    public func name(in language: Language) -> String {
        switch self {
        case .none: say(language, "không bù", "none")
        case .mean: say(language, "trung bình khối", "block mean")
        case .median: say(language, "trung vị khối", "block median")
        case .previous: say(language, "giá trị năm trước", "previous period")
        case .groupMean: say(language, "trung bình nhóm", "group mean")
        case .groupMedian: say(language, "trung vị nhóm", "group median")
        }
    }
}

extension LineageRule {
    /// How predecessors combine, e.g. `trung bình các đơn vị tiền thân` / `mean of the predecessors`.
    public func name(in language: Language) -> String {
        switch self {
        case .mean: say(language, "trung bình các đơn vị tiền thân", "mean of the predecessors")
        case .weighted: say(language, "trung bình có trọng số các đơn vị tiền thân", "weighted mean of the predecessors")
        }
    }
}
