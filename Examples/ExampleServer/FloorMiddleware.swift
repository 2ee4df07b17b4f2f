import Foundation
import Hummingbird
import HummingbirdAuth
import JOSE
import OAuthJWT
import Synchronization

/// Benchmark-only (`Benchmarks/load` and `Benchmarks/threads` start the server with `BENCHMARK_FLOOR=1`): bearer
/// decisions that do less than the authenticator, as floors for `/secured/token` under load. None of them is a way
/// to protect a route: they check no scope, key rotation or binding and count nothing.
struct FloorMiddleware: RouterMiddleware {
    typealias Context = BasicAuthRequestContext<AccessToken>

    /// How the floor decides.
    enum Mode: Sendable {
        /// The least a cached decision can do: the `Authorization` field's value compared byte for byte with the
        /// one value the authenticator accepted first, and that token's expiry checked with one clock read. Any other value goes
        /// to the authenticator, every time.
        case oneToken
        /// A plain cache: the value looked up in one locked dictionary, its token's expiry checked with one clock
        /// read; a value it does not hold goes to the authenticator once.
        case dictionary
        /// Every token verified by a `JWTVerifier` on fixed keys, synchronously: the verification alone, without
        /// the authenticator around it (the floor with the verified-token cache off).
        case verifying(JWTVerifier, StaticKeySource)
    }

    /// A token the authenticator accepted, with its expiry in seconds since 1970.
    final class Accepted: Sendable {
        let token: AccessToken
        let expiresAt: Double
        init(_ token: AccessToken) {
            self.token = token
            expiresAt = token.claims.expiresAt?.timeIntervalSince1970 ?? 0
        }
    }

    /// The first accepted `Authorization` value and its token (set once, then read without a lock).
    final class First: Sendable {
        let value: String
        let accepted: Accepted
        init(value: String, accepted: Accepted) {
            self.value = value
            self.accepted = accepted
        }
    }

    /// The tokens accepted so far.
    final class Remembered: Sendable {
        let first = AtomicLazyReference<First>()
        let all = Mutex<[ExactString: Accepted]>([:])
    }

    let mode: Mode
    let authenticator: BearerTokenAuthenticator
    private let remembered = Remembered()

    init(_ mode: Mode, authenticator: BearerTokenAuthenticator) {
        self.mode = mode
        self.authenticator = authenticator
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        // The field itself: `headers[.authorization]` would join every such field into a new string.
        guard let value = request.headers.first(where: { $0.name == .authorization })?.value,
            value.hasPrefix("Bearer ")
        else {
            throw HTTPError(.unauthorized)
        }
        var context = context
        switch mode {
        case .verifying(let verifier, let keys):
            guard let verified = try? verifier.verify(value.dropFirst(7), using: keys) else {
                throw HTTPError(.unauthorized)
            }
            context.identity = AccessToken(verified)
        case .oneToken:
            if let first = remembered.first.load(), first.value.hasSameBytes(as: value),
                first.accepted.expiresAt > Date().timeIntervalSince1970
            {
                context.identity = first.accepted.token
            } else {
                let accepted = try await accept(value)
                _ = remembered.first.storeIfNil(First(value: value, accepted: accepted))
                context.identity = accepted.token
            }
        case .dictionary:
            let key = ExactString(value)
            if let held = remembered.all.withLock({ $0[key] }), held.expiresAt > Date().timeIntervalSince1970 {
                context.identity = held.token
            } else {
                let accepted = try await accept(value)
                remembered.all.withLock { $0[key] = accepted }
                context.identity = accepted.token
            }
        }
        return try await next(request, context)
    }

    /// The token of a `Bearer` field value, accepted by the authenticator.
    private func accept(_ value: String) async throws -> Accepted {
        guard case .authorized(let token) = await authenticator.authenticate(token: String(value.dropFirst(7))) else {
            throw HTTPError(.unauthorized)
        }
        return Accepted(token)
    }
}
