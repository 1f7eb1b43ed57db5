// The message catalog: loading and validating a methodology file.

import Foundation

package extension Message {
    // MARK: The file

    static func cannotReadMethodology(_ reason: Message) -> Message {
        Message(vi: "không đọc được tệp phương pháp: \(reason.vi)", en: "cannot read the methodology file: \(reason.en)")
    }

    static let methodologyNotUTF8 = Message(vi: "tệp phương pháp không phải văn bản UTF-8", en: "the methodology file is not UTF-8 text")
    static let methodologyEmpty = Message(vi: "tệp phương pháp trống", en: "the methodology file is empty")
    static let notAMethodology = Message(vi: "tệp này không phải là một phương pháp", en: "not a methodology")

    // MARK: Where keys belong (for a key written in the wrong place)

    static func placeOfScoreKey(_ key: String, rules: [String]) -> Message {
        Message(vi: "khóa của quy tắc chấm điểm \(rules.joined(separator: ", ")) (score: {rule: …, \(key): …})",
                en: "a key of \(rules.joined(separator: ", ")) scores (score: {rule: …, \(key): …})")
    }
    static let placeAggregate = Message(vi: "khóa của nhóm và của cấp cao nhất của phương pháp (mặc định cho các nhóm bên dưới)", en: "a key of groups and of the methodology's top level (the default for groups below)")
    static let placeScore = Message(vi: "khóa của chỉ tiêu lá, và của nhóm hoặc cấp cao nhất làm quy tắc mặc định cho các chỉ tiêu lá bên dưới", en: "a key of leaves, and of groups and the top level as the default rule of the leaves below")
    static let placeNodesAndTop = Message(vi: "khóa của nút và của cấp cao nhất của phương pháp", en: "a key of nodes and of the methodology's top level")
    static let placeGroupsAndTop = Message(vi: "khóa của nhóm và của cấp cao nhất của phương pháp", en: "a key of groups and of the methodology's top level")
    static let placeNodes = Message(vi: "khóa của nút", en: "a key of nodes")
    static let placeLeavesAndDerived = Message(vi: "khóa của chỉ tiêu lá và giá trị dẫn xuất", en: "a key of leaves and derived values")
    static let placeRule = Message(vi: "khóa của bảng chấm điểm (score: {rule: …})", en: "a key of a score mapping (score: {rule: …})")
    static let placeDirection = Message(vi: "khóa của bảng chấm điểm và của chỉ tiêu lá", en: "a key of a score mapping and of leaves")

    // MARK: Top level, ranking, policies

    /// A node's `missing` key.
    static let missingPolicyKey = Message(vi: "chính sách thiếu số liệu (khóa 'missing')", en: "missing policy")

    /// The `unit` key of a distance_to_reference score.
    static func referenceUnitKey(of owner: Message) -> Message {
        Message(vi: "đơn vị tham chiếu (khóa 'unit') của \(owner.vi)", en: "\(owner.en) reference unit")
    }

    static func rankingDecimalsOutOfRange(_ decimals: Int) -> Message {
        Message(vi: "ranking.decimals phải từ 0 đến 12, nhưng là \(decimals)", en: "ranking decimals must be between 0 and 12, found \(decimals)")
    }

    static func unknownRankingMethod(_ method: String) -> Message {
        Message(vi: "phương pháp xếp hạng '\(method)' không tồn tại (có: competition)", en: "unknown ranking method '\(method)' (known: competition)")
    }

    static func imputationNeedsGroupScalar(_ what: Message, _ method: String) -> Message {
        Message(vi: "\(what.vi): \(method) cần thuộc tính dùng để nhóm các đơn vị: impute: {method: \(method), by: region}",
                en: "\(what.en): \(method) needs the attribute grouping the units: impute: {method: \(method), by: region}")
    }

    static func imputationNeedsBy(_ what: Message, _ method: String) -> Message {
        Message(vi: "\(what.vi): \(method) cần khóa 'by', thuộc tính dùng để nhóm các đơn vị", en: "\(what.en): \(method) needs 'by', the attribute grouping the units")
    }

    static func imputationIgnoresBy(_ what: Message, _ method: String) -> Message {
        Message(vi: "\(what.vi): 'by' chỉ dùng cho group_mean và group_median; impute \(method) bỏ qua khóa này",
                en: "\(what.en): 'by' is used by group_mean and group_median only; impute \(method) ignores it")
    }

    static func shareOutOfRange(_ what: Message, _ value: Double) -> Message {
        Message(vi: "\(what.vi) phải là một tỷ lệ từ 0 đến 1 (ví dụ 66%), nhưng là \(NumberFormatting.format(value))",
                en: "\(what.en) must be a share between 0 and 1 (e.g. 66%), found \(NumberFormatting.format(value))")
    }

    // MARK: Aggregation

    static func powerMeanNeedsExponent(_ what: Message) -> Message {
        Message(vi: "\(what.vi): power_mean cần số mũ: aggregate: {method: power_mean, p: 2}", en: "\(what.en): power_mean needs its exponent: aggregate: {method: power_mean, p: 2}")
    }

    static func powerMeanZero(_ what: Message) -> Message {
        Message(vi: "\(what.vi): power_mean với p = 0 chính là trung bình nhân; hãy viết aggregate: geometric", en: "\(what.en): power_mean with p = 0 is the geometric mean; write aggregate: geometric")
    }

    static func powerMeanOutOfRange(_ what: Message, _ p: Double) -> Message {
        Message(vi: "\(what.vi): p của power_mean phải nằm trong khoảng -100 đến 100, nhưng là \(NumberFormatting.format(p))", en: "\(what.en): power_mean p must lie between -100 and 100, found \(NumberFormatting.format(p))")
    }

    static func aggregationIgnoresP(_ what: Message, _ name: String) -> Message {
        Message(vi: "\(what.vi): 'p' chỉ dùng cho power_mean; aggregate \(name) bỏ qua khóa này", en: "\(what.en): 'p' is used by power_mean only; aggregate \(name) ignores it")
    }

    static func unknownAggregation(_ name: String, known: [String], didYouMean: String?) -> Message {
        Message(vi: "phép tổng hợp '\(name)' không tồn tại (có: \(known.joined(separator: ", ")))\(didYouMean.map { "; có phải là '\($0)'?" } ?? "")",
                en: "unknown aggregation '\(name)' (known: \(known.joined(separator: ", ")))\(didYouMean.map { "; did you mean '\($0)'?" } ?? "")")
    }

    static let pointsScaleHasNoOutputScale = Message(
        vi: "phương pháp tính theo điểm chấm trên thang 0–1 (điểm = mức đạt × trọng số); 'range' và 'target' cần scale: unit",
        en: "a points methodology scores on 0–1 (points = score × weight); 'range' and 'target' need scale: unit")

    // MARK: Classification, treatment

    static func classificationMinOutOfRange(_ minimum: Double) -> Message {
        Message(vi: "min của một mức xếp loại là giá trị chỉ số từ 0 đến 1, nhưng là \(NumberFormatting.format(minimum))", en: "a classification band's min is an index value from 0 to 1, found \(NumberFormatting.format(minimum))")
    }

    static func classificationSameMin(_ first: String, _ second: String, _ minimum: Double) -> Message {
        Message(vi: "hai mức xếp loại '\(first)' và '\(second)' có cùng min \(NumberFormatting.format(minimum))", en: "classification bands '\(first)' and '\(second)' have the same min \(NumberFormatting.format(minimum))")
    }

    static func treatmentNotNone(_ what: Message, _ text: String) -> Message {
        Message(vi: "khóa treatment của \(what.vi) phải là 'none' hoặc một bảng {winsorise: {max_points: N}, log_if_skewed: true}, nhưng là '\(text)'",
                en: "\(what.en) treatment must be 'none' or a mapping {winsorise: {max_points: N}, log_if_skewed: true}, found '\(text)'")
    }

    static func winsoriseNegative(_ what: Message, _ points: Int) -> Message {
        Message(vi: "\(what.vi): winsorise max_points phải từ 0 trở lên, nhưng là \(points)", en: "\(what.en): winsorise max_points must be 0 or more, found \(points)")
    }

    static func skewnessNotPositive(_ what: Message) -> Message {
        Message(vi: "\(what.vi): treatment skewness phải lớn hơn 0", en: "\(what.en): treatment skewness must be above 0")
    }

    // MARK: Fields and nodes

    static func choiceNeedsChoices(_ what: Message) -> Message {
        Message(vi: "\(what.vi) có kiểu choice nên cần danh sách 'choices' không rỗng", en: "\(what.en) is a choice and needs a non-empty 'choices' list")
    }

    static func unknownFieldType(_ what: Message, _ type: String) -> Message {
        Message(vi: "\(what.vi) có kiểu '\(type)' không tồn tại (có: count, number, percent, boolean, choice, text)", en: "\(what.en) has unknown type '\(type)' (known: count, number, percent, boolean, choice, text)")
    }

    static func choicesWithoutChoiceType(_ what: Message) -> Message {
        Message(vi: "\(what.vi) có 'choices' nhưng không có kiểu choice", en: "\(what.en) has 'choices' but is not of type choice")
    }

    static func minAboveMax(_ what: Message, _ low: Double, _ high: Double) -> Message {
        Message(vi: "\(what.vi) có min \(NumberFormatting.format(low)) lớn hơn max \(NumberFormatting.format(high))", en: "\(what.en) has min \(NumberFormatting.format(low)) above max \(NumberFormatting.format(high))")
    }

    static func directionOnGroup(_ what: Message) -> Message {
        Message(vi: "\(what.vi): 'direction' chỉ đặt ở chỉ tiêu lá (hoặc trong bảng chấm điểm); nhóm không có chiều",
                en: "\(what.en): 'direction' belongs on leaves (or inside a score mapping); a group has no direction")
    }

    static func directionTwice(_ what: Message) -> Message {
        Message(vi: "\(what.vi): chiều (direction) được khai báo hai lần (ở nút và trong quy tắc chấm điểm)", en: "\(what.en): direction is given twice (on the node and in its score)")
    }

    static func invalidDirection(_ what: Message, _ text: String) -> Message {
        Message(vi: "\(what.vi): direction phải là 'higher' hoặc 'lower', nhưng là '\(text)'", en: "\(what.en): direction must be 'higher' or 'lower', found '\(text)'")
    }

    static func groupWithValue(_ what: Message) -> Message {
        Message(vi: "\(what.vi) vừa có các nút con vừa có value; một nút hoặc là chỉ tiêu lá hoặc là nhóm ('score' trên nhóm là quy tắc mặc định của các chỉ tiêu lá)",
                en: "\(what.en) has children and also a value; a node is either a leaf or a group (a 'score' on a group is the default rule of its leaves)")
    }

    static func leafNeedsValue(_ what: Message) -> Message {
        Message(vi: "chỉ tiêu lá \(what.vi) cần biểu thức 'value'", en: "leaf \(what.en) needs a 'value' expression")
    }

    static func leafNeedsScore(_ what: Message) -> Message {
        Message(vi: "chỉ tiêu lá \(what.vi) cần quy tắc 'score' (trên chỉ tiêu lá, hoặc 'score' mặc định ở một nhóm bên trên hay ở cấp cao nhất)",
                en: "leaf \(what.en) needs a 'score' rule (on the leaf, or a default 'score' on a group above it or at the top level)")
    }

    static func groupKeyOnLeaf(_ what: Message, _ key: String) -> Message {
        Message(vi: "\(what.vi) là chỉ tiêu lá: '\(key)' chỉ áp dụng cho nhóm và bị bỏ qua ở đây", en: "\(what.en) is a leaf: '\(key)' applies to groups and is ignored here")
    }

    static func byBlockNotMapping(_ what: Message) -> Message {
        Message(vi: "\(what.vi): by_block phải gán mã khối với phần thay đổi", en: "\(what.en) by_block must map block ids to overrides")
    }

    static func invalidProvenance(_ text: String) -> Message {
        Message(vi: "provenance phải là 'published' hoặc 'reconstructed', nhưng là '\(text)'", en: "provenance must be 'published' or 'reconstructed', found '\(text)'")
    }

    // MARK: Scoring rules

    static func ruleIgnoresKey(_ what: Message, rule: String, key: String, keyRules: [String], takes: [String]) -> Message {
        let takesVi = takes.isEmpty ? "quy tắc này chỉ nhận 'direction'" : "quy tắc này nhận \((["direction"] + takes).map { "'\($0)'" }.joined(separator: ", "))"
        let takesEn = takes.isEmpty ? "it takes only 'direction'" : "it takes \((["direction"] + takes).map { "'\($0)'" }.joined(separator: ", "))"
        return Message(vi: "\(what.vi): quy tắc \(rule) không dùng '\(key)' (\(key) dành cho \(keyRules.joined(separator: ", "))); \(takesVi). Khóa này bị bỏ qua",
                       en: "\(what.en): rule \(rule) does not use '\(key)' (\(key) is for \(keyRules.joined(separator: ", "))); \(takesEn). The key is ignored")
    }

    static func invalidSD(_ what: Message, _ sd: String) -> Message {
        Message(vi: "\(what.vi): sd phải là 'sample' hoặc 'population' (cách ước lượng; độ lệch chuẩn mục tiêu viết trong target: {mean: 10, sd: 2}), nhưng là '\(sd)'",
                en: "\(what.en): sd must be 'sample' or 'population' (the estimator; a target standard deviation goes in target: {mean: 10, sd: 2}), found '\(sd)'")
    }

    static func referenceNeedsUnit(_ what: Message) -> Message {
        Message(vi: "\(what.vi): distance_to_reference cần 'unit', mã của đơn vị tham chiếu", en: "\(what.en): distance_to_reference needs 'unit', the id of the reference unit")
    }

    static func targetRuleNeedsTarget(_ what: Message) -> Message {
        Message(vi: "\(what.vi): distance_to_target cần 'target', giá trị được điểm tối đa 1", en: "\(what.en): distance_to_target needs 'target', the value that scores 1")
    }

    static func goalpostNeedsBounds(_ what: Message) -> Message {
        Message(vi: "\(what.vi): goalpost cần 'low' và 'high'", en: "\(what.en): goalpost needs 'low' and 'high'")
    }

    static func goalpostEqualBounds(_ what: Message) -> Message {
        Message(vi: "\(what.vi): low và high của goalpost phải khác nhau", en: "\(what.en): goalpost low and high must differ")
    }

    static func goalpostReversedWithDirection(_ what: Message, low: Double, high: Double) -> Message {
        Message(vi: "\(what.vi): low \(NumberFormatting.format(low)) của goalpost lớn hơn high \(NumberFormatting.format(high)) trong khi direction cũng được khai báo; hãy viết low nhỏ hơn high và ghi 'direction: lower' khi càng ít càng tốt",
                en: "\(what.en): goalpost low \(NumberFormatting.format(low)) is above high \(NumberFormatting.format(high)) and direction is given too; write low below high and say 'direction: lower' for fewer-is-better")
    }

    static func cappedCountNeedsCap(_ what: Message) -> Message {
        Message(vi: "\(what.vi): capped_count cần 'cap'", en: "\(what.en): capped_count needs 'cap'")
    }

    static func capNotPositive(_ what: Message) -> Message {
        Message(vi: "\(what.vi): cap phải lớn hơn 0", en: "\(what.en): cap must be above 0")
    }

    static func stepsNeedsList(_ what: Message) -> Message {
        Message(vi: "\(what.vi): steps cần danh sách 'steps' không rỗng", en: "\(what.en): steps needs a non-empty 'steps' list")
    }

    static func stepWrongBoundKey(_ what: Message, direction: String, key: String, wrong: String) -> Message {
        Message(vi: "\(what.vi): với direction \(direction), các bậc dùng '\(key)', không dùng '\(wrong)'", en: "\(what.en): with direction \(direction), steps use '\(key)', not '\(wrong)'")
    }

    static func stepNeedsBound(_ what: Message, _ key: String) -> Message {
        Message(vi: "\(what.vi): mỗi bậc cần '\(key)'", en: "\(what.en): each step needs '\(key)'")
    }

    static func stepScoreOutOfRange(_ what: Message, _ score: Double) -> Message {
        Message(vi: "\(what.vi): score của một bậc phải trong khoảng 0–1, nhưng là \(NumberFormatting.format(score))", en: "\(what.en): a step score must be within 0–1, found \(NumberFormatting.format(score))")
    }

    static func stepNeedsAward(_ what: Message) -> Message {
        Message(vi: "\(what.vi): mỗi bậc cần 'points' hoặc 'score'", en: "\(what.en): each step needs 'points' or 'score'")
    }

    static func unknownScoringRule(_ what: Message, _ rule: String, known: [String], didYouMean: String?) -> Message {
        Message(vi: "\(what.vi): quy tắc chấm điểm '\(rule)' không tồn tại (có: \(known.joined(separator: ", ")))\(didYouMean.map { "; có phải là '\($0)'?" } ?? "")",
                en: "\(what.en): unknown scoring rule '\(rule)' (known: \(known.joined(separator: ", ")))\(didYouMean.map { "; did you mean '\($0)'?" } ?? "")")
    }

    static func rangeNeedsTwoNumbers(_ what: Message) -> Message {
        Message(vi: "\(what.vi): range phải là hai số, thấp trước cao sau, ví dụ range: [1, 100]", en: "\(what.en): range must be two numbers, low then high, e.g. range: [1, 100]")
    }

    static func targetSDNotPositive(_ what: Message) -> Message {
        Message(vi: "\(what.vi): sd của target phải lớn hơn 0", en: "\(what.en): the target sd must be above 0")
    }

    // MARK: Validation of the whole methodology

    static let noBlocks = Message(vi: "phương pháp không khai báo khối nào", en: "the methodology declares no blocks")

    /// What kind of id is declared twice.
    enum IDKind {
        case block, fieldOrDerived, node, constraint
        package var vi: String {
            switch self {
            case .block: "khối"
            case .fieldOrDerived: "trường hoặc giá trị dẫn xuất"
            case .node: "nút"
            case .constraint: "ràng buộc"
            }
        }
        package var en: String {
            switch self {
            case .block: "block"
            case .fieldOrDerived: "field or derived value"
            case .node: "node"
            case .constraint: "constraint"
            }
        }
    }

    static func duplicateID(_ kind: IDKind, _ id: String, firstLine: Int?) -> Message {
        Message(vi: "mã \(kind.vi) '\(id)' bị trùng\(firstLine.map { " (khai báo lần đầu ở dòng \($0))" } ?? "")",
                en: "duplicate \(kind.en) id '\(id)'\(firstLine.map { " (first declared at line \($0))" } ?? "")")
    }

    static func unknownBlockNamed(_ owner: Message, _ block: String, blocks: [String]) -> Message {
        Message(vi: "\(owner.vi) nêu khối '\(block)' không tồn tại (các khối: \(blocks.joined(separator: ", ")))", en: "\(owner.en) names unknown block '\(block)' (blocks: \(blocks.joined(separator: ", ")))")
    }

    static func attributeNotAField(_ attribute: String, didYouMean: String?) -> Message {
        Message(vi: "thuộc tính '\(attribute)' không phải là trường đã khai báo (thuộc tính được đọc từ dữ liệu như câu trả lời của một trường)\(didYouMean.map { "; có phải là '\($0)'?" } ?? "")",
                en: "attribute '\(attribute)' is not a declared field (an attribute is read from the data like a field's answer)\(didYouMean.map { "; did you mean '\($0)'?" } ?? "")")
    }

    static func imputesByUnknownAttribute(_ owner: Message, _ group: String, attributes: [String]) -> Message {
        Message(vi: "\(owner.vi) quy gán theo '\(group)', nhưng đó không phải là thuộc tính (các thuộc tính: \(attributes.isEmpty ? "chưa khai báo" : attributes.joined(separator: ", ")))",
                en: "\(owner.en) imputes by '\(group)', which is not among the attributes (attributes: \(attributes.isEmpty ? "none declared" : attributes.joined(separator: ", ")))")
    }

    static func conditionIsNumber(_ owner: Message, _ expression: String) -> Message {
        Message(vi: "\(owner.vi): '\(expression)' phải là điều kiện có/không (một phép so sánh), nhưng lại là một số", en: "\(owner.en): '\(expression)' must be a yes/no condition (a comparison), but it is a number")
    }

    static func usesUnknownField(_ owner: Message, _ name: String, suggestions: [String]) -> Message {
        let list = suggestions.map { "'\($0)'" }.joined(separator: ", ")
        return Message(vi: "\(owner.vi) dùng trường '\(name)' không tồn tại\(suggestions.isEmpty ? "" : "; có phải là \(list)?")",
                       en: "\(owner.en) uses unknown field '\(name)'\(suggestions.isEmpty ? "" : "; did you mean \(list)?")")
    }

    static func ownedProblem(_ owner: Message, _ problem: Message) -> Message {
        Message(vi: "\(owner.vi): \(problem.vi)", en: "\(owner.en): \(problem.en)")
    }

    static func derivedCycle(_ cycle: [String]) -> Message {
        Message(vi: "các giá trị dẫn xuất tham chiếu lẫn nhau thành vòng: \(cycle.joined(separator: " → "))", en: "derived values refer to each other in a cycle: \(cycle.joined(separator: " → "))")
    }

    static func derivedChainTooLong(_ id: String, length: Int, limit: Int) -> Message {
        Message(vi: "giá trị dẫn xuất '\(id)' mở đầu một chuỗi \(length) giá trị dẫn xuất nối tiếp nhau; tối đa là \(limit) (giới hạn)",
                en: "derived value '\(id)' starts a chain of \(length) derived values each using the next; at most \(limit) are allowed (the limit)")
    }

    static func zeroWhenFieldNotInBlock(node: String, field: String, block: String) -> Message {
        Message(vi: "zero_when của nút '\(node)' dùng trường '\(field)' ở khối '\(block)', nhưng khối này không trả lời trường đó",
                en: "node '\(node)' zero_when uses field '\(field)' in block '\(block)', but that block does not answer it")
    }

    static func fieldNotInBlock(node: String, field: String, block: String) -> Message {
        Message(vi: "nút '\(node)' dùng trường '\(field)' ở khối '\(block)', nhưng khối này không trả lời trường đó",
                en: "node '\(node)' uses field '\(field)' in block '\(block)', but that block does not answer it")
    }

    static func leafWithoutWeight(_ node: String, block: String) -> Message {
        Message(vi: "chỉ tiêu lá '\(node)' không có trọng số (điểm tối đa) ở khối '\(block)'", en: "leaf '\(node)' has no weight (its maximum points) in block '\(block)'")
    }

    static func negativeWeight(_ node: String) -> Message {
        Message(vi: "nút '\(node)' có trọng số âm", en: "node '\(node)' has a negative weight")
    }

    static func stepPointsOutOfRange(node: String, points: Double, weight: Double, block: String) -> Message {
        Message(vi: "nút '\(node)': một bậc cho \(NumberFormatting.format(points)) điểm, ngoài khoảng 0–\(NumberFormatting.format(weight)) (trọng số của nút) ở khối '\(block)'",
                en: "node '\(node)': a step gives \(NumberFormatting.format(points)) points, outside 0–\(NumberFormatting.format(weight)) (its weight) in block '\(block)'")
    }

    static func stepPointsWithoutWeight(_ node: String) -> Message {
        Message(vi: "chỉ tiêu lá '\(node)' cho điểm theo bậc nhưng không có trọng số để chia", en: "leaf '\(node)' gives step points but has no weight to divide them by")
    }

    static func groupWithoutChildren(_ node: String, block: String) -> Message {
        Message(vi: "nhóm '\(node)' không có nút con nào ở khối '\(block)'", en: "group '\(node)' has no children in block '\(block)'")
    }

    static func weightMismatch(group: String, declared: Double, block: String, sum: Double) -> Message {
        Message(vi: "nhóm '\(group)' có trọng số \(NumberFormatting.format(declared)) ở khối '\(block)' nhưng tổng điểm các nút con là \(NumberFormatting.format(sum))",
                en: "group '\(group)' has weight \(NumberFormatting.format(declared)) in block '\(block)' but its children's points add up to \(NumberFormatting.format(sum))")
    }
}
