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
}
