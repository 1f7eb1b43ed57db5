// The message catalog: uncertainty specifications, portal checklists, assessments and report files.

import Foundation

package extension Message {
    // MARK: Uncertainty specifications

    static let cannotReadUncertaintySpec = Message(vi: "không đọc được tệp đặc tả phân tích bất định", en: "cannot read the uncertainty spec")
    static let uncertaintySpecEmpty = Message(vi: "tệp đặc tả phân tích bất định trống", en: "the uncertainty spec is empty")
    static let notAnUncertaintySpec = Message(vi: "tệp này không phải đặc tả phân tích bất định", en: "not an uncertainty spec")
    static let theUncertaintySpec = Message(vi: "đặc tả phân tích bất định", en: "the uncertainty spec")
    static let anInput = Message(vi: "một đầu vào (inputs)", en: "an input")
    static func input(_ id: String) -> Message { Message(vi: "đầu vào '\(id)'", en: "input '\(id)'") }

    static func unknownUncertaintyMethod(_ text: String) -> Message {
        Message(vi: "phương pháp '\(text)' không tồn tại (có: monte_carlo, sobol)", en: "unknown method '\(text)' (known: monte_carlo, sobol)")
    }

    static func runsOutOfRange(_ value: Int) -> Message {
        Message(vi: "runs phải từ 2 đến 10000000, nhưng là \(value)", en: "runs must be between 2 and 10000000, found \(value)")
    }

    static func seedNegative(_ value: Int) -> Message {
        Message(vi: "seed phải từ 0 trở lên, nhưng là \(value)", en: "seed must be 0 or more, found \(value)")
    }

    static func intervalOutOfRange(_ value: Double) -> Message {
        Message(vi: "interval phải nằm hẳn trong khoảng 0 đến 1 (ví dụ 90%), nhưng là \(NumberFormatting.format(value))", en: "interval must lie strictly between 0 and 1 (e.g. 90%), found \(NumberFormatting.format(value))")
    }

    static func specUnknownBlock(_ block: String, blocks: [String]) -> Message {
        Message(vi: "khối '\(block)' không tồn tại (các khối: \(blocks.joined(separator: ", ")))", en: "unknown block '\(block)' (blocks: \(blocks.joined(separator: ", ")))")
    }

    static let inputsEmpty = Message(vi: "inputs phải liệt kê ít nhất một đầu vào bất định", en: "inputs must list at least one uncertain input")

    static func duplicateInputID(_ id: String, firstLine: Int) -> Message {
        Message(vi: "mã đầu vào '\(id)' bị trùng (khai báo lần đầu ở dòng \(firstLine))", en: "duplicate input id '\(id)' (first declared at line \(firstLine))")
    }

    static func keyNotForInputType(_ what: Message, key: String, type: String, allowed: [String]) -> Message {
        Message(vi: "\(what.vi): '\(key)' không áp dụng cho đầu vào loại \(type) (loại này nhận \(allowed.joined(separator: ", ")))",
                en: "\(what.en): '\(key)' does not apply to a \(type) input (it takes \(allowed.joined(separator: ", ")))")
    }

    static func perturbationOutOfRange(_ what: Message, _ value: Double) -> Message {
        Message(vi: "\(what.vi): perturbation phải nằm hẳn trong khoảng 0 đến 1 (ví dụ 25%), nhưng là \(NumberFormatting.format(value))", en: "\(what.en): perturbation must lie strictly between 0 and 1 (e.g. 25%), found \(NumberFormatting.format(value))")
    }

    static func weightsNeedPerturbation(_ what: Message) -> Message {
        Message(vi: "\(what.vi): đầu vào trọng số cần 'perturbation' (ví dụ 25% cho ±25%)", en: "\(what.en): a weights input needs 'perturbation' (e.g. 25% for ±25%)")
    }

    static func alternativeKeepsDirection(_ what: Message) -> Message {
        Message(vi: "\(what.vi): phương án chuẩn hoá thay thế giữ nguyên chiều đã khai báo của từng chỉ tiêu; hãy bỏ 'direction' và viết goalpost từ thấp đến cao",
                en: "\(what.en): a normalisation alternative keeps each leaf's declared direction; leave out 'direction' and write goalposts low to high")
    }

    static func invalidZeroScores(_ what: Message, _ text: String) -> Message {
        Message(vi: "\(what.vi): zero_scores phải là 'error' hoặc 'zero', nhưng là '\(text)'", en: "\(what.en): zero_scores must be 'error' or 'zero', found '\(text)'")
    }

    static func exclusionNeedsIndicators(_ what: Message) -> Message {
        Message(vi: "\(what.vi): đầu vào loại bỏ chỉ tiêu cần 'indicators', các chỉ tiêu lá có thể bị bỏ", en: "\(what.en): an exclusion input needs 'indicators', the leaves that may be left out")
    }

    static func excludedGroup(_ what: Message, _ id: String) -> Message {
        Message(vi: "\(what.vi): '\(id)' là một nhóm; chỉ bỏ được chỉ tiêu (lá)", en: "\(what.en): '\(id)' is a group; only indicators (leaves) can be left out")
    }

    static func unknownInputType(_ what: Message, _ type: String, known: [String], didYouMean: String?) -> Message {
        Message(vi: "\(what.vi): loại đầu vào '\(type)' không tồn tại (có: \(known.joined(separator: ", ")))\(didYouMean.map { "; có phải là '\($0)'?" } ?? "")",
                en: "\(what.en): unknown input type '\(type)' (known: \(known.joined(separator: ", ")))\(didYouMean.map { "; did you mean '\($0)'?" } ?? "")")
    }

    static func levelOrNodes(_ what: Message) -> Message {
        Message(vi: "\(what.vi): hãy nêu 'level' hoặc 'nodes', không nêu cả hai", en: "\(what.en): give either 'level' or 'nodes', not both")
    }

    static func noNodesAtLevel(_ what: Message, groupsOnly: Bool, level: Int, deepest: Int) -> Message {
        Message(vi: "\(what.vi): cây không có \(groupsOnly ? "nhóm" : "nút") nào ở cấp \(level) (các cấp 0–\(deepest), chỉ số tổng là cấp 0)",
                en: "\(what.en): the tree has no \(groupsOnly ? "groups" : "nodes") at level \(level) (levels 0–\(deepest), the index being 0)")
    }

    static func aggregationOnLeaf(_ what: Message, _ id: String) -> Message {
        Message(vi: "\(what.vi): '\(id)' là chỉ tiêu lá; phép tổng hợp chỉ áp dụng cho nhóm", en: "\(what.en): '\(id)' is an indicator; aggregation applies to groups")
    }

    static func needsLevelOrNodes(_ what: Message) -> Message {
        Message(vi: "\(what.vi) cần 'level' (một cấp của cây, chỉ số tổng là cấp 0) hoặc 'nodes' (mã các nút)", en: "\(what.en) needs 'level' (a level of the tree, the index being 0) or 'nodes' (node ids)")
    }

    static func noNodeInMethodology(_ what: Message, _ id: String, suggestions: [String]) -> Message {
        let list = suggestions.map { "'\($0)'" }.joined(separator: ", ")
        return Message(vi: "\(what.vi): không có nút '\(id)' trong phương pháp\(suggestions.isEmpty ? "" : "; có phải là \(list)?")", en: "\(what.en): no node '\(id)' in the methodology\(suggestions.isEmpty ? "" : "; did you mean \(list)?")")
    }

    /// What the alternatives of an input may be.
    static let alternativesOfScores = Message(vi: "declared, hoặc một quy tắc chấm điểm như trong phương pháp (min_max, {rule: z_score, target: {mean: 10, sd: 2}}, …)", en: "declared, or a score as in a methodology (min_max, {rule: z_score, target: {mean: 10, sd: 2}}, …)")
    static func alternativesOfAggregations(_ names: [String]) -> Message {
        Message(vi: "declared (như phương pháp khai báo), \(names.joined(separator: ", "))", en: "declared, \(names.joined(separator: ", "))")
    }
    static let alternativesOfTreatments = Message(vi: "declared, none, hoặc một cách xử lý như trong phương pháp ({winsorise: {max_points: 5}, log_if_skewed: true})", en: "declared, none, or a treatment as in a methodology ({winsorise: {max_points: 5}, log_if_skewed: true})")

    static func needsAlternatives(_ what: Message, known: Message) -> Message {
        Message(vi: "\(what.vi) cần 'alternatives' (\(known.vi))", en: "\(what.en) needs 'alternatives' (\(known.en))")
    }

    static func needsAlternativesKnown(_ what: Message, known: [String]) -> Message {
        Message(vi: "\(what.vi) cần 'alternatives' (có: \(known.joined(separator: ", ")))", en: "\(what.en) needs 'alternatives' (known: \(known.joined(separator: ", ")))")
    }

    static func alternativeTwice(_ what: Message) -> Message {
        Message(vi: "\(what.vi): một phương án được liệt kê hai lần", en: "\(what.en): an alternative is listed twice")
    }

    static func namedAlternativeTwice(_ what: Message, _ name: String) -> Message {
        Message(vi: "\(what.vi): phương án '\(name)' được liệt kê hai lần", en: "\(what.en): alternative '\(name)' is listed twice")
    }

    static func tooFewAlternatives(_ what: Message) -> Message {
        Message(vi: "\(what.vi) cần ít nhất hai phương án mới có bất định", en: "\(what.en) needs at least two alternatives to be uncertain")
    }

    static func unknownAlternative(_ what: Message, _ name: String, known: [String], didYouMean: String?) -> Message {
        Message(vi: "\(what.vi): phương án '\(name)' không tồn tại (có: \(known.joined(separator: ", ")))\(didYouMean.map { "; có phải là '\($0)'?" } ?? "")",
                en: "\(what.en): unknown alternative '\(name)' (known: \(known.joined(separator: ", ")))\(didYouMean.map { "; did you mean '\($0)'?" } ?? "")")
    }

    static func tooManyVariants(_ count: Int) -> Message {
        Message(vi: "các đầu vào chuẩn hoá, quy gán và xử lý kết hợp thành \(count) biến thể điểm chỉ tiêu lá; chỉ hỗ trợ tối đa 4096",
                en: "the normalisation, imputation and treatment inputs combine into \(count) variants of the leaf scores; at most 4096 are supported")
    }

    // MARK: Portal checklists

    static let checklistEmpty = Message(vi: "danh mục kiểm tra phải là một bảng khóa–giá trị; tệp đang trống", en: "a checklist is a mapping; the file is empty")
    static let aChecklist = Message(vi: "một danh mục kiểm tra", en: "a checklist")
    static let anItem = Message(vi: "một mục kiểm tra (items)", en: "an item")
    static func checklistItem(_ id: String) -> Message { Message(vi: "mục \(id)", en: "item \(id)") }
    static func checklistField(_ id: String) -> Message { Message(vi: "trường \(id)", en: "field \(id)") }

    static func validFromNotDate(_ text: String) -> Message {
        Message(vi: "valid_from phải là ngày (yyyy-mm-dd), nhưng là '\(text)'", en: "valid_from must be a date (yyyy-mm-dd), found '\(text)'")
    }

    static let parametersNotMapping = Message(vi: "parameters phải là bảng gồm tên và số", en: "parameters must be a mapping of names to numbers")

    static func itemTwice(_ id: String) -> Message { Message(vi: "mục '\(id)' được liệt kê hai lần", en: "item '\(id)' is listed twice") }

    static func itemGroupInvalid(_ id: String, _ group: String) -> Message {
        Message(vi: "mục \(id): group phải là information hoặc function, nhưng là '\(group)'", en: "item \(id): group must be information or function, found '\(group)'")
    }

    static func itemUnknownStructure(_ id: String, _ structure: String, known: [String]) -> Message {
        Message(vi: "mục \(id): cấu trúc '\(structure)' không tồn tại (có: \(known.joined(separator: ", ")))", en: "item \(id): unknown structure '\(structure)' (known: \(known.joined(separator: ", ")))")
    }

    static func itemWithoutSignal(_ id: String) -> Message { Message(vi: "mục \(id) không có dấu hiệu nhận biết nào", en: "item \(id) has no signal") }
    static let checklistWithoutItems = Message(vi: "danh mục kiểm tra không có mục nào", en: "the checklist has no items")
    static let checklistFieldsNotMapping = Message(vi: "fields phải là bảng gồm mã trường và nguồn của nó", en: "fields must be a mapping of field ids to their source")
    static let checklistWithoutIDOrDate = Message(vi: "danh mục kiểm tra không có id hoặc valid_from", en: "the checklist has no id or valid_from")

    static func fieldNeedsOneSource(_ field: String) -> Message {
        Message(vi: "trường \(field): hãy nêu một trong count_group, item, check hoặc measure", en: "field \(field): give one of count_group, item, check or measure")
    }

    static func fieldUnknownItem(_ field: String, _ item: String) -> Message {
        Message(vi: "trường \(field): mục '\(item)' không tồn tại", en: "field \(field): unknown item '\(item)'")
    }

    static func fieldUnknownMeasure(_ field: String, _ measure: String, known: [String]) -> Message {
        Message(vi: "trường \(field): phép đo '\(measure)' không tồn tại (có: \(known.joined(separator: ", ")))", en: "field \(field): unknown measure '\(measure)' (known: \(known.joined(separator: ", ")))")
    }

    static func maxOnlyForCountGroup(_ field: String) -> Message {
        Message(vi: "trường \(field): max chỉ áp dụng cho count_group", en: "field \(field): max applies to count_group only")
    }

    static func countsInvalid(_ field: String, _ text: String) -> Message {
        Message(vi: "trường \(field): counts phải là survey hoặc crawl, nhưng là '\(text)'", en: "field \(field): counts must be survey or crawl, found '\(text)'")
    }

    static func crawlValueInvalid(_ field: String, _ text: String) -> Message {
        Message(vi: "trường \(field): crawl_value phải là exact, lower_bound hoặc upper_bound, nhưng là '\(text)'", en: "field \(field): crawl_value must be exact, lower_bound or upper_bound, found '\(text)'")
    }

    static func toleranceNegative(_ field: String) -> Message {
        Message(vi: "trường \(field): tolerance không được âm", en: "field \(field): tolerance must not be negative")
    }

    static let noPortalChecklist = Message(vi: "không có danh mục kiểm tra cổng thông tin (Indicators/portal/*.yaml)", en: "no portal checklist (Indicators/portal/*.yaml)")

    // MARK: Assessment and report files

    static func unitNotInBlock(_ unit: String, block: String) -> Message {
        Message(vi: "đơn vị '\(unit)' không thuộc khối '\(block)'", en: "unit '\(unit)' is not in block '\(block)'")
    }

    static func noPageForUnit(_ problem: Message) -> Message {
        Message(vi: "không viết trang nào cho đơn vị này: \(problem.vi)", en: "no page is written for this unit: \(problem.en)")
    }

    static func unsafeReportPath(_ path: String) -> Message {
        Message(vi: "báo cáo sẽ ghi một tệp ra ngoài thư mục của nó hoặc có tên không an toàn: '\(path)'", en: "the report would write a file outside its folder or with an unsafe name: '\(path)'")
    }

    static func cannotWriteReportFile(_ reason: Message) -> Message {
        Message(vi: "không ghi được tệp báo cáo: \(reason.vi); hãy kiểm tra thư mục có quyền ghi và ổ đĩa còn chỗ trống", en: "cannot write the report file: \(reason.en); check that the folder is writable and the disk has space")
    }
}
