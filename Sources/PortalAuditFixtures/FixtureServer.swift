import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// What a fixture server answers to one request.
public enum FixtureReply: Sendable {
    /// A complete response.
    case response(status: Int, headers: [(String, String)], body: Data)
    /// The head, then `chunk` every `interval` seconds, `count` times (a server that drips).
    case drip(headers: [(String, String)], chunk: Data, interval: Double, count: Int)
    /// The head, then chunks forever, until the client goes away (an endless body).
    case endless(headers: [(String, String)], chunk: Data)
    /// The connection is closed without an answer (a reset).
    case reset
    /// `reply`, sent after `seconds` (a slow server: the latency AutoThrottle follows).
    indirect case delayed(seconds: Double, reply: FixtureReply)

    /// A 200 with `body` and a content type.
    public static func ok(_ body: String, type: String = "text/html; charset=utf-8") -> FixtureReply {
        .response(status: 200, headers: [("Content-Type", type)], body: Data(body.utf8))
    }

    /// An empty response with status `code` and `headers` (e.g. a 301 with `Location`, a 503 with
    /// `Retry-After`).
    public static func status(_ code: Int, headers: [(String, String)] = []) -> FixtureReply {
        .response(status: code, headers: headers, body: Data())
    }
}

/// An HTTP/1.1 server on a loopback address (SwiftNIO), in process: the fixture portals and the
/// hostile servers of the tests, the `ictindex-fixtures` demo and the benchmark sites. Listens
/// on an ephemeral port unless one is given. A test-support target: it is not part of the
/// PortalAudit library nor of the `ictindex` tool.
public final class FixtureServer: Sendable {
    /// What the server answers to a request for `path` (with its query) given the request's
    /// headers; called on the server's event loop, so it must not block.
    public typealias Route = @Sendable (_ path: String, _ headers: HTTPHeaders) -> FixtureReply

    let channel: any Channel
    /// The address it listens on (127.0.0.1 unless another loopback address was given).
    public let host: String
    /// The port it listens on.
    public let port: Int
    /// `http://host:port/`, the root of the served site.
    public var baseURL: URL { URL(string: "http://\(host):\(port)/")! }

    /// Starts a server on `host` answering with `route`.
    public init(host: String = "127.0.0.1", port: Int = 0, route: @escaping Route) async throws {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(FixtureHandler(route: route))
                }
            }
        channel = try await bootstrap.bind(host: host, port: port).get()
        self.host = host
        self.port = channel.localAddress?.port ?? port
    }

    /// Stops listening.
    public func stop() async {
        try? await channel.close()
    }

    /// A route serving the files under `root`: "/" and directories as index.html, types by
    /// extension. HTML is served as `text/html` with the charset named in `root/charset` if that
    /// file exists (absent: no charset parameter, as legacy sites do). `extra` answers first.
    public static func directory(_ root: URL, extra: (@Sendable (String) -> FixtureReply?)? = nil) -> Route {
        let charset = (try? String(contentsOf: root.appendingPathComponent("charset"), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        let headerLines = (try? String(contentsOf: root.appendingPathComponent("headers"), encoding: .utf8))?
            .split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            } ?? []
        return { path, _ in
            if let reply = extra?(path) { return reply }
            var file = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
            file = file.removingPercentEncoding ?? file
            if file.contains("..") { return .status(400) }
            var url = root.appendingPathComponent(String(file.drop { $0 == "/" }))
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue { url.appendPathComponent("index.html") }
            guard let data = FileManager.default.contents(atPath: url.path), !["charset", "headers", "expected.json"].contains(url.lastPathComponent) else {
                return .response(status: 404, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data("<html><head><title>404</title></head><body>Không tìm thấy</body></html>".utf8))
            }
            let type: String
            switch url.pathExtension.lowercased() {
            case "html", "htm": type = "text/html" + (charset.map { "; charset=\($0)" } ?? "")
            case "xml": type = "application/xml"
            case "txt": type = "text/plain; charset=utf-8"
            case "pdf": type = "application/pdf"
            case "css": type = "text/css"
            case "js": type = "application/javascript"
            case "png": type = "image/png"
            case "rss": type = "application/rss+xml"
            default: type = "application/octet-stream"
            }
            return .response(status: 200, headers: [("Content-Type", type)] + headerLines, body: data)
        }
    }
}

final class FixtureHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let route: FixtureServer.Route
    var head: HTTPRequestHead?

    init(route: @escaping FixtureServer.Route) {
        self.route = route
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            head = request
        case .body:
            break
        case .end:
            guard let request = head else { return }
            respond(context: context, reply: route(request.uri, request.headers), keepAlive: request.isKeepAlive)
        }
    }

    func respond(context: ChannelHandlerContext, reply: FixtureReply, keepAlive: Bool) {
        let channel = context.channel
        func writeHead(_ status: Int, _ headers: [(String, String)], length: Int?) {
            var fields = HTTPHeaders(headers)
            if let length { fields.replaceOrAdd(name: "Content-Length", value: String(length)) } else { fields.replaceOrAdd(name: "Transfer-Encoding", value: "chunked") }
            fields.replaceOrAdd(name: "Connection", value: keepAlive && length != nil ? "keep-alive" : "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: fields))), promise: nil)
        }
        switch reply {
        case .response(let status, let headers, let body):
            writeHead(status, headers, length: body.count)
            if !body.isEmpty { context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil) }
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive { done.whenComplete { _ in channel.close(promise: nil) } }
        case .reset:
            channel.close(mode: .all, promise: nil)
        case .drip(let headers, let chunk, let interval, let count):
            writeHead(200, headers, length: nil)
            context.flush()
            drip(NIOLoopBound(context, eventLoop: context.eventLoop), channel: channel, buffer: ByteBuffer(bytes: chunk), interval: interval, remaining: count)
        case .endless(let headers, let chunk):
            writeHead(200, headers, length: nil)
            endless(NIOLoopBound(context, eventLoop: context.eventLoop), channel: channel, buffer: ByteBuffer(bytes: chunk))
        case .delayed(let seconds, let reply):
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
                guard channel.isActive else { return }
                self.respond(context: bound.value, reply: reply, keepAlive: keepAlive)
            }
        }
    }

    func drip(_ context: NIOLoopBound<ChannelHandlerContext>, channel: any Channel, buffer: ByteBuffer, interval: Double, remaining: Int) {
        guard channel.isActive else { return }
        if remaining == 0 {
            context.value.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            return
        }
        let loop = context.value.eventLoop
        context.value.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer)))).whenComplete { _ in
            loop.scheduleTask(in: .milliseconds(Int64(interval * 1000))) {
                self.drip(context, channel: channel, buffer: buffer, interval: interval, remaining: remaining - 1)
            }
        }
    }

    func endless(_ context: NIOLoopBound<ChannelHandlerContext>, channel: any Channel, buffer: ByteBuffer) {
        guard channel.isActive else { return }
        context.value.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer)))).whenComplete { result in
            if case .success = result { self.endless(context, channel: channel, buffer: buffer) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
