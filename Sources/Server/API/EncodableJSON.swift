import Reports

/// A `JSONValue` (the ordered JSON the CLI writes: assessments, explanations, rankings) inside a
/// Codable response, so API answers reuse the CLI's JSON contracts instead of restating them.
struct EncodableJSON: Encodable, Sendable {
    let value: JSONValue

    init(_ value: JSONValue) {
        self.value = value
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .object(let pairs):
            var container = encoder.container(keyedBy: Key.self)
            for (key, member) in pairs { try container.encode(EncodableJSON(member), forKey: Key(stringValue: key)) }
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(EncodableJSON(item)) }
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let number):
            var container = encoder.singleValueContainer()
            if number.isFinite { try container.encode(number) } else { try container.encodeNil() }
        case .integer(let integer):
            var container = encoder.singleValueContainer()
            try container.encode(integer)
        case .bool(let bool):
            var container = encoder.singleValueContainer()
            try container.encode(bool)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }
}
