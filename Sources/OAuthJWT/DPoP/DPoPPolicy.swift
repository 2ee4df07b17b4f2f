public import JOSE

/// Whether and how the authenticator accepts DPoP-bound access tokens (RFC 9449): the `DPoP` authentication
/// scheme, with a proof of possession of the token's key in a `DPoP` header.
///
/// ```swift
/// configuration.dpop = .allowed(origin: .fixed("https://api.example"))
/// ```
///
/// A DPoP-bound token (one with `cnf.jkt`) sent with the `Bearer` scheme is refused in every mode, so a stolen
/// bound token cannot be downgraded to a bearer token.
public struct DPoPPolicy: Sendable, Hashable {
    /// Which schemes are accepted.
    public enum Mode: Sendable, Hashable {
        /// `Bearer` only; a `DPoP` credential is treated like any other scheme (401, no token).
        case disabled
        /// `Bearer` and `DPoP`.
        case allowed
        /// `DPoP` only: a `Bearer` token gets 401.
        case required
    }

    /// Where the request's public URL comes from, for comparing it with the proof's `htu`.
    public enum Origin: Sendable, Hashable {
        /// This server's public base URL, such as `https://api.example` (scheme, host and port as clients use them;
        /// a path prefix when the server is mounted under one). The request's path is appended.
        case fixed(String)
        /// The request's own authority (the `Host` header) with this scheme. Only safe behind a proxy that sets or
        /// checks `Host`; a client controls it otherwise.
        case requestAuthority(scheme: String)
    }

    /// Which schemes are accepted. Default: ``Mode/disabled``.
    public var mode: Mode
    /// Where the request's public URL comes from; required unless ``mode`` is ``Mode/disabled``.
    public var origin: Origin?
    /// The proof algorithms accepted (announced in the challenge's `algs`). Default: the asymmetric ones.
    public var algorithms: Set<JWSAlgorithm>
    /// How old a proof's `iat` may be. Default: 5 minutes.
    public var maximumProofAge: Duration
    /// How far in the future a proof's `iat` may be (clock skew). Default: 5 seconds.
    public var clockSkew: Duration
    /// How many proof `jti` values are remembered against replay (per process; see the security model).
    /// Default: 100,000.
    public var maximumReplayEntries: Int
    /// Server-provided nonces that proofs must carry, or `nil` for none (the default).
    public var nonces: DPoPNonces?

    /// A policy with every setting given.
    public init(
        mode: Mode, origin: Origin?, algorithms: Set<JWSAlgorithm> = JWSAlgorithm.asymmetric,
        maximumProofAge: Duration = .seconds(300), clockSkew: Duration = .seconds(5),
        maximumReplayEntries: Int = 100_000, nonces: DPoPNonces? = nil
    ) {
        self.mode = mode
        self.origin = origin
        self.algorithms = algorithms
        self.maximumProofAge = maximumProofAge
        self.clockSkew = clockSkew
        self.maximumReplayEntries = maximumReplayEntries
        self.nonces = nonces
    }

    /// `Bearer` only.
    public static let disabled = DPoPPolicy(mode: .disabled, origin: nil)

    /// `Bearer` and `DPoP`, with proofs' `htu` compared against `origin`.
    public static func allowed(origin: Origin) -> DPoPPolicy { DPoPPolicy(mode: .allowed, origin: origin) }

    /// `DPoP` only, with proofs' `htu` compared against `origin`.
    public static func required(origin: Origin) -> DPoPPolicy { DPoPPolicy(mode: .required, origin: origin) }

    /// The `algs` parameter of a `DPoP` challenge: the accepted algorithms, sorted.
    var algorithmList: String { algorithms.map(\.rawValue).sorted().joined(separator: " ") }

    /// Refuses a policy that accepts DPoP without an absolute `http(s)` origin to compare `htu` with, without an asymmetric algorithm,
    /// or without room for replay entries.
    func check() throws(BearerConfigurationError) {
        guard mode != .disabled else { return }
        guard !algorithms.isEmpty, algorithms.allSatisfy({ !$0.isSymmetric }), maximumReplayEntries >= 1,
            maximumProofAge > .zero, clockSkew >= .zero
        else { throw .invalidDPoPPolicy }
        switch origin {
        case .fixed(let base):
            guard DPoPProofVerifier.normalizedURL(base) != nil, !base.contains("?"), !base.contains("#") else {
                throw .invalidDPoPPolicy
            }
        case .requestAuthority(let scheme):
            guard scheme == "https" || scheme == "http" else { throw .invalidDPoPPolicy }
        case nil:
            throw .invalidDPoPPolicy
        }
    }
}
