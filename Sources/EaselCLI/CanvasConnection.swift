import ArgumentParser
import CanvasAPI
import EaselCore
import EaselHTTP
import Foundation

/// Where Canvas is and how to reach it: flags shared by every command that talks to Canvas.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The Canvas base URL (overrides CANVAS_URL and canvas.url).")
    var canvasUrl: String?

    @Option(help: "A file holding the API token (default: the CANVAS_TOKEN environment variable).")
    var tokenFile: String?

    @Flag(help: "Log each request: method, path, status, milliseconds, cost, rate limit remaining.")
    var verbose = false

    /// `--canvas-url`, then `CANVAS_URL`, then the config's `canvas.url`.
    func url(_ config: Config?, _ console: Console) throws -> String {
        if let url = canvasUrl ?? console.environment["CANVAS_URL"] ?? config?.canvas.url { return url }
        console.err.line("error: no Canvas URL: pass --canvas-url, set CANVAS_URL, or set canvas.url in the config")
        throw CommandExit.failure
    }

    /// Opens a client for the duration of `body` and shuts the transport down after it.
    func withClient<T>(
        url: String, console: Console, parallelism: Int? = nil, _ body: (CanvasClient) async throws -> T
    ) async throws -> T {
        let token: CanvasToken
        do {
            if let tokenFile, let warning = Self.permissionWarning(tokenFile: tokenFile) { console.err.line(warning) }
            token = try CanvasToken.load(tokenFile: tokenFile, environment: console.environment)
        } catch {
            console.err.line("error: \(error)")
            throw CommandExit.failure
        }
        var configuration = CanvasClient.Configuration()
        if let parallelism {
            configuration.throttle.maxParallelism = max(1, parallelism)
            configuration.throttle.initialParallelism = max(1, parallelism)
        }
        if verbose {
            let err = console.err
            configuration.log = { entry in err.line(entry.description) }
        }
        if verbose || console.err.isTerminal {
            configuration.onRetry = Self.retryReporter(console.err, verbose: verbose)
        }
        var transportConfiguration = CurlTransport.Configuration()
        transportConfiguration.maxConnectionsPerHost = max(configuration.throttle.maxParallelism, 1)
        let transport = try CurlTransport(configuration: transportConfiguration)
        let client: CanvasClient
        do {
            client = try CanvasClient(baseURL: url, token: token, transport: transport, configuration: configuration)
        } catch {
            await transport.shutdown()
            console.err.line("error: \(error)")
            throw CommandExit.failure
        }
        do {
            let result = try await body(client)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown(cancellingInFlight: true)
            throw error
        }
    }
}

extension ConnectionOptions {
    /// Prints each retry on `err`: failures (5xx, timeouts, refused or dropped connections)
    /// always, throttling only with `--verbose` (a large run is throttled routinely). On a
    /// terminal the line first clears any progress line drawn there.
    static func retryReporter(_ err: OutputSink, verbose: Bool) -> @Sendable (CanvasRetry) -> Void {
        { retry in
            guard retry.reason == .failed || verbose else { return }
            err.write((err.isTerminal ? "\r\u{1B}[2K" : "") + retry.description + "\n")
        }
    }

    /// Like ssh for private keys: a token file that its group or others can read is still
    /// used, with a warning. Never prints the token.
    static func permissionWarning(tokenFile path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = Int(info.st_mode) & 0o777
        guard mode & 0o077 != 0 else { return nil }
        let access = mode & 0o044 != 0 ? "readable" : "accessible"
        return "warning: token file '\(path)' is \(access) by others (mode \(String(format: "%04o", mode))); chmod 600 it"
    }
}

/// The plan's output format.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

enum PlanDetail: String, ExpressibleByArgument, CaseIterable {
    case summary, full
}

/// Prints a plan in a format; the one place that picks the renderer.
func render(_ plan: Plan, format: PlanFormat, detail: PlanDetail, drift: Bool, console: Console, noColor: Bool) -> String {
    switch format {
    case .text:
        PlanTextRenderer(detailFull: detail == .full, color: console.colorEnabled(for: console.out, noColor: noColor))
            .render(plan, drift: drift)
    case .json: PlanJSON.encode(plan)
    case .markdown: PlanMarkdownRenderer().render(plan, drift: drift)
    }
}
