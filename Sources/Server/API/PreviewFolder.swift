import Foundation
import IndexCore
import IndexStore
import Platform

extension Platform {
    /// Where ``Platform/previewReport(period:language:by:)`` writes a season's preview
    /// (`preview/<period>/<language>/` in the workspace), to serve it afterwards.
    func previewFolder(period: Int, language: Language) -> URL {
        workspace.directory.appendingPathComponent("preview/\(period)/\(language.rawValue)", isDirectory: true)
    }
}
