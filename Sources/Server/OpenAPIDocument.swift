import Hummingbird
import NIOCore

/// The OpenAPI 3.1 description of the API (docs/openapi.yaml, compiled in by
/// scripts/generate-bundled-files), served at `/api/v1/openapi.yaml`.
enum OpenAPIDocument {
    static func response() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: BundledOpenAPI.text)))
    }
}
