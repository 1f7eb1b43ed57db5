import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Limits of one fetch.
public struct FetchLimits: Sendable, Hashable {
    /// Seconds to establish a connection.
    public var connectTimeout: Double = 10
    /// Seconds without a byte before a response is abandoned.
    public var readTimeout: Double = 20
    /// Seconds for a whole request, body included (a server dripping bytes is cut off here).
    public var totalTimeout: Double = 60
    /// Bytes of a (decompressed) body kept; the rest is not read. Also the decompression limit.
    public var maxBodyBytes: Int = 10 * 1024 * 1024
    /// Redirects followed before giving up.
    public var maxRedirects: Int = 10

    /// The default limits (see each property).
    public init() {}
}

/// Why a fetch did not produce a complete response.
public enum FetchFailure: String, Sendable, Codable, Hashable {
    /// A redirect led back to a URL already in the chain.
    case redirectLoop = "redirect-loop"
    /// More redirects than ``FetchLimits/maxRedirects``.
    case tooManyRedirects = "too-many-redirects"
    /// A redirect led to another host; it is recorded, not followed.
    case redirectLeavesSite = "redirect-leaves-site"
    /// The whole fetch took longer than ``FetchLimits/totalTimeout``.
    case timeout
    /// No connection within ``FetchLimits/connectTimeout``.
    case connectTimeout = "connect-timeout"
    /// The server went silent for longer than ``FetchLimits/readTimeout``.
    case readTimeout = "read-timeout"
    /// The body was longer than ``FetchLimits/maxBodyBytes``; what was read is kept.
    case sizeCap = "size-cap"
    /// The body inflated beyond the byte cap while being decompressed.
    case decompressionBomb = "decompression-bomb"
    /// The server closed the connection before the response was complete.
    case connectionReset = "connection-reset"
    /// No connection could be made (refused, unreachable, name not resolved).
    case connectionFailed = "connection-failed"
    /// The response was not valid HTTP.
    case invalidResponse = "invalid-response"
    /// Any other error of the HTTP client (the detail says which).
    case other

    /// Failures worth another try (the server may recover).
    public var isTransient: Bool {
        switch self {
        case .timeout, .connectTimeout, .readTimeout, .connectionReset, .connectionFailed: return true
        default: return false
        }
    }
}

/// The outcome of one fetch, after following redirects.
public struct FetchResponse: Sendable {
    /// The URL asked for.
    public var requestedURL: URL
    /// The URL the final response came from, after redirects (`requestedURL` when there were none).
    public var finalURL: URL
    /// The final HTTP status; nil when no response arrived.
    public var status: Int?
    /// Response headers, names lower-cased (the last value of a repeated header).
    public var headers: [String: String]
    /// The body as received (decompressed), at most the byte cap.
    public var body: Data
    /// The body was cut at the byte cap (or, for non-HTML, deliberately not read).
    public var truncated: Bool
    /// Every hop before the final URL, as "STATUS URL".
    public var redirectChain: [String]
    /// Seconds the whole fetch took, redirects and body included.
    public var seconds: Double
    /// Seconds until the response head arrived (the latency AutoThrottle follows).
    public var latency: Double
    /// Why the fetch did not give a complete response; `nil` when it did.
    public var failure: FetchFailure?
    /// The HTTP client's own words for the failure, when it has them.
    public var failureDetail: String?

    /// The `Content-Type` header as sent, if any.
    public var contentType: String? { headers["content-type"] }

    /// Whether the response says it is HTML.
    public var isHTML: Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/html") || type.hasPrefix("application/xhtml")
    }
}

/// Counts bytes held in response buffers across concurrent fetches, and the peak: the memory the
/// crawler's buffers use is bounded by concurrency × byte cap, and tests check it.
public final class ByteGauge: Sendable {
    private let state = NIOLockedValueBox((current: 0, peak: 0))

    /// A gauge at zero.
    public init() {}

    /// Counts `n` more bytes held, raising the peak when it is passed.
    public func add(_ n: Int) {
        state.withLockedValue { value in
            value.current += n
            value.peak = max(value.peak, value.current)
        }
    }

    /// Counts `n` bytes released.
    public func remove(_ n: Int) { state.withLockedValue { $0.current -= n } }
    /// Bytes held now.
    public var current: Int { state.withLockedValue { $0.current } }
    /// The most bytes ever held at once.
    public var peak: Int { state.withLockedValue { $0.peak } }
}

/// The HTTP fetcher: AsyncHTTPClient with redirects off (followed here, to record the chain and
/// detect loops), deadlines, decompression with a limit, and a byte cap enforced while streaming.
public final class Fetcher: Sendable {
    /// The HTTP client (its own event loop group and connection pool); shut it down when done.
    public let client: HTTPClient
    /// Timeouts, byte cap and redirect limit of every fetch.
    public let limits: FetchLimits
    /// The `User-Agent` sent with every request (robots.txt groups are matched against it).
    public let userAgent: String
    /// Counts the bytes held in response buffers.
    public let gauge: ByteGauge

    /// A fetcher with these limits, at most `maxConnectionsPerHost` connections to one host.
    public init(limits: FetchLimits, userAgent: String, gauge: ByteGauge = ByteGauge(), maxConnectionsPerHost: Int = 8) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(limits.connectTimeout * 1000)), read: .milliseconds(Int64(limits.readTimeout * 1000))),
            decompression: .enabled(limit: .size(limits.maxBodyBytes + 1))
        )
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: maxConnectionsPerHost)
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.limits = limits
        self.userAgent = userAgent
        self.gauge = gauge
    }

    /// Shuts the client down; call once when done.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Releases a response's body from the byte gauge once the caller is done with it.
    public func release(_ response: FetchResponse) { gauge.remove(response.body.count) }

    /// Fetches `url`, following redirects while `permit` allows the next hop.
    /// - Parameters:
    ///   - readNonHTML: whether to read the body of a non-HTML response (robots.txt,
    ///     sitemap.xml are read; other non-HTML types are recorded without their body).
    ///   - until: a deadline earlier than the total timeout (the end of the crawl's time budget).
    public func fetch(_ url: URL, readNonHTML: Bool = false, until: NIODeadline? = nil, permit: @Sendable (URL) -> Bool = { _ in true }) async -> FetchResponse {
        let start = DispatchTime.now()
        let deadline = min(NIODeadline.now() + .milliseconds(Int64(limits.totalTimeout * 1000)), until ?? .distantFuture)
        var current = url
        var chain: [String] = []
        var visited: Set<String> = [url.absoluteString]
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        func failed(_ failure: FetchFailure, _ detail: String?, status: Int? = nil, headers: [String: String] = [:], latency: Double = 0) -> FetchResponse {
            FetchResponse(requestedURL: url, finalURL: current, status: status, headers: headers, body: Data(), truncated: false, redirectChain: chain,
                          seconds: elapsed(), latency: latency, failure: failure, failureDetail: detail)
        }
        while true {
            var request = HTTPClientRequest(url: current.absoluteString)
            request.headers.add(name: "User-Agent", value: userAgent)
            request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
            request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
            request.headers.add(name: "Accept-Language", value: "vi,en;q=0.8")
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, deadline: deadline)
            } catch {
                return failed(Self.classify(error), String(describing: error))
            }
            let latency = elapsed()
            var headers: [String: String] = [:]
            for (name, value) in response.headers { headers[name.lowercased()] = value }
            let status = Int(response.status.code)
            if [301, 302, 303, 307, 308].contains(status), let location = headers["location"] {
                guard let next = URLCanonicalizer.canonical(location, base: current) else {
                    return failed(.invalidResponse, "unusable Location: \(location)", status: status, headers: headers, latency: latency)
                }
                chain.append("\(status) \(current.absoluteString)")
                if visited.contains(next.absoluteString) {
                    current = next
                    return failed(.redirectLoop, "redirect back to \(next.absoluteString)", status: status, headers: headers, latency: latency)
                }
                if chain.count > limits.maxRedirects {
                    return failed(.tooManyRedirects, "more than \(limits.maxRedirects) redirects", status: status, headers: headers, latency: latency)
                }
                if !permit(next) {
                    current = next
                    return failed(.redirectLeavesSite, "redirect to \(next.absoluteString), which the crawl may not follow", status: status, headers: headers, latency: latency)
                }
                visited.insert(next.absoluteString)
                current = next
                continue
            }
            var result = FetchResponse(requestedURL: url, finalURL: current, status: status, headers: headers, body: Data(), truncated: false,
                                       redirectChain: chain, seconds: 0, latency: latency, failure: nil, failureDetail: nil)
            if !result.isHTML && !readNonHTML {
                result.truncated = true
                result.seconds = elapsed()
                return result
            }
            var body = Data()
            // Bytes held are released by the caller (``ByteGauge/remove(_:)`` with body.count)
            // once it is done with the body.
            var held = 0
            do {
                for try await chunk in response.body {
                    let n = chunk.readableBytes
                    if body.count + n > limits.maxBodyBytes {
                        let room = limits.maxBodyBytes - body.count
                        if room > 0 {
                            gauge.add(room); held += room
                            chunk.withUnsafeReadableBytes { body.append(contentsOf: $0.prefix(room)) }
                        }
                        result.truncated = true
                        result.failure = .sizeCap
                        result.failureDetail = "body larger than \(limits.maxBodyBytes) bytes"
                        break
                    }
                    gauge.add(n); held += n
                    chunk.withUnsafeReadableBytes { body.append(contentsOf: $0) }
                    if elapsed() > limits.totalTimeout {
                        result.truncated = true
                        result.failure = .timeout
                        result.failureDetail = "body still arriving after \(limits.totalTimeout) s"
                        break
                    }
                }
            } catch {
                let failure = Self.classify(error)
                result.failure = failure == .sizeCap || failure == .decompressionBomb ? failure : (failure == .other ? .invalidResponse : failure)
                result.failureDetail = String(describing: error)
                result.truncated = true
            }
            result.body = body
            result.seconds = elapsed()
            return result
        }
    }

    static func classify(_ error: any Error) -> FetchFailure {
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout: return .readTimeout
            case .connectTimeout: return .connectTimeout
            case .deadlineExceeded: return .timeout
            case .remoteConnectionClosed: return .connectionReset
            default: break
            }
        }
        let text = (String(reflecting: type(of: error)) + " " + String(describing: error)).lowercased()
        if text.contains("decompression") || text.contains("limit") && text.contains("compress") { return .decompressionBomb }
        if text.contains("connection reset") || text.contains("econnreset") || text.contains("reset by peer") || text.contains("remoteconnectionclosed") || text.contains("eof") {
            return .connectionReset
        }
        if text.contains("connection refused") || text.contains("connect") { return .connectionFailed }
        if text.contains("timeout") || text.contains("deadline") { return .timeout }
        if text.contains("parser") || text.contains("invalid") { return .invalidResponse }
        return .other
    }
}
