// The message catalog: the web platform's performance work (the live score's parameters).

import Foundation

package extension Message {
    // A query parameter outside the values a route accepts (`?whatIf=` of the self-assessment).
    static func parameterOutOfRange(_ name: String, lowest: Int, highest: Int) -> Message {
        Message(vi: "Tham số \(name) phải là số nguyên từ \(lowest) đến \(highest).",
                en: "The parameter \(name) must be an integer from \(lowest) to \(highest).")
    }
}
