import Foundation
import Hummingbird
import IndexCore
import Intake
import Platform

/// Every HTML page of the web platform: the public site (the published national report), sign-in,
/// the submitter's form and self-assessment, the reviewer's dashboard and review, the admin's
/// page, and the static stylesheet and script. The pages call Platform and render; no check,
/// computation or report is made here.
///
/// Addresses (Vietnamese text on every page by default, `?lang=en` for English):
///
/// | path | who | what |
/// |---|---|---|
/// | `/`, `/<file>`, `/<folder>/<file>`, `/en/…` | anyone | the published report (vi, en) |
/// | `/sign-in`, `/sign-in/<token>`, `/sign-out` | anyone | sign in (password or one-time link), sign out |
/// | `/season` | signed in | the home page of the role |
/// | `/season/form`, `/season/form/upload`, `/season/self-assessment` | submitter | the form, the Excel upload, the self-assessment |
/// | `/season/dashboard`, `/season/review/<unit>`, `/season/evidence/<unit>/<id>` | reviewer, admin | review |
/// | `/season/compute`, `/season/preview`, `/season/preview/…` | reviewer, admin | compute, preview report |
/// | `/season/admin`, `/season/admin/seasons`, `/season/admin/accounts`, `/season/publish` | admin | administration |
/// | `/static/site.css`, `/static/app.js` | anyone | the stylesheet and the script |
public enum Pages {
    /// Registers the pages on the server's router.
    public static func register(on router: Router<AppRequestContext>, services: ServerServices) {
        let support = PageSupport(services: services)
        StaticRoutes.register(on: router)
        PublicRoutes(support: support).register(on: router)
        SignInRoutes(support: support).register(on: router)
        SubmitterRoutes(support: support).register(on: router)
        ReviewerRoutes(support: support).register(on: router)
        AdminRoutes(support: support).register(on: router)
        router.get("/season") { request, context in
            guard let principal = context.principal else { return PageSupport.seeOther("/sign-in") }
            switch principal.role {
            case .submitter: return PageSupport.seeOther("/season/form")
            case .reviewer: return PageSupport.seeOther("/season/dashboard")
            case .admin: return PageSupport.seeOther("/season/admin")
            }
        }
    }
}

/// `/static/site.css` and `/static/app.js`, compiled into the binary
/// (`StaticFiles.generated.swift`, from `Sources/Server/Static/`).
enum StaticRoutes {
    static let contentTypes = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]

    static func register(on router: Router<AppRequestContext>) {
        router.get("/static/:file") { request, context in
            guard let name = context.parameters.get("file"), let text = StaticFiles.all[name],
                  let type = contentTypes[(name as NSString).pathExtension] else {
                return PageSupport.notFound(PageSupport.visitor(request, context))
            }
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
