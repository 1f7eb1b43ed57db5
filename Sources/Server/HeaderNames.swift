import HTTPTypes

/// Header names the server uses that HTTPTypes does not predefine.
extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    /// The CSRF token of a session, sent by scripts instead of the `csrf` form field.
    static let csrfToken = Self("X-CSRF-Token")!
    static let xForwardedFor = Self("X-Forwarded-For")!
}
