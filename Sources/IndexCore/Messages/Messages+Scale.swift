// The message catalog: what intake says when an input is very large (issue 11, items 14 and 15).

import Foundation

package extension Message {
    /// The unknown fields beyond the first ``UnknownFieldReport/individuallyReported``, in one
    /// diagnostic: how many, the first few names, and what to check. No suggestions: a file with
    /// thousands of unknown columns is the wrong file or a shifted header, not a few typos.
    static func moreUnknownSurveyFields(_ count: Int, first names: [String]) -> Message {
        let list = names.map { "'\($0)'" }.joined(separator: ", ") + (count > names.count ? ", …" : "")
        return Message(vi: "và \(count) trường khác không có trong phương pháp (không liệt kê từng trường, không gợi ý): \(list); hãy kiểm tra dòng tiêu đề của tệp có đúng là của phương pháp này không",
                       en: "and \(count) more unknown fields (not listed one by one, no suggestions): \(list); check that the file's header is this methodology's")
    }
}
