import Foundation
import Hummingbird
import IndexCore
import Platform

/// Sign-in with e-mail and password, with a one-time link, and sign-out. The session cookie is
/// the server's (``SignInService``: the rate limit, the cookie's name and flags); the checks are Platform's (bcrypt,
/// lockout, one-time links) and the server's (rate limit on `POST /sign-in`).
struct SignInRoutes: Sendable {
    let support: PageSupport

    func register(on router: Router<AppRequestContext>) {
        router.get("/sign-in") { request, context in
            let visitor = PageSupport.visitor(request, context)
            if context.principal != nil { return PageSupport.seeOther("/season") }
            return PageSupport.html(SignInView.page(visitor))
        }
        router.post("/sign-in") { request, context in
            try await PageSupport.handle(request, context) {
                let visitor = PageSupport.visitor(request, context)
                let form = try await support.form(request)
                let email = form["email"] ?? ""
                do {
                    let signedIn = try await support.services.signIn.signIn(email: email, password: form["password"] ?? "", context: context)
                    var response = PageSupport.seeOther("/season")
                    support.services.signIn.startSession(signedIn, on: &response)
                    return response
                } catch let error as PlatformError {
                    let status: HTTPResponse.Status = if case .lockedOut = error { HTTPResponse.Status(code: 423, reasonPhrase: "Locked") } else { .unauthorized }
                    return PageSupport.html(SignInView.page(visitor, email: email, error: error.text[visitor.language]), status: status)
                }
            }
        }
        router.get("/sign-in/:token") { request, context in
            PageSupport.html(SignInView.linkPage(PageSupport.visitor(request, context), token: context.parameters.get("token") ?? "", minimum: support.platform.policy.minimumPasswordLength))
        }
        router.post("/sign-in/:token") { request, context in
            try await PageSupport.handle(request, context) {
                let visitor = PageSupport.visitor(request, context)
                let token = context.parameters.get("token") ?? ""
                let form = try await support.form(request)
                let password = form["password"] ?? ""
                // Checked before the link is touched: a typo does not spend it.
                guard password == form["confirm"] ?? "" else {
                    return PageSupport.html(SignInView.linkPage(visitor, token: token, minimum: support.platform.policy.minimumPasswordLength, error: Message.passwordsDiffer.text(in: visitor.language)), status: .unprocessableContent)
                }
                do {
                    let signedIn = try await support.services.signIn.signIn(linkToken: token, newPassword: password, context: context)
                    var response = PageSupport.seeOther("/season")
                    support.services.signIn.startSession(signedIn, on: &response)
                    return response
                } catch let error as PlatformError {
                    let status: HTTPResponse.Status = if case .invalid = error { .unprocessableContent } else { .unauthorized }
                    let text: String = if case .invalid(let problems) = error {
                        problems.map { $0.message(in: visitor.language) }.joined(separator: "; ")
                    } else {
                        error.text[visitor.language]
                    }
                    return PageSupport.html(SignInView.linkPage(visitor, token: token, minimum: support.platform.policy.minimumPasswordLength, error: text), status: status)
                }
            }
        }
        router.post("/sign-out") { request, context in
            try await PageSupport.handle(request, context) {
                try await support.services.signIn.signOut(context: context)
                var response = PageSupport.seeOther("/")
                support.services.signIn.endSession(on: &response)
                return response
            }
        }
    }
}
