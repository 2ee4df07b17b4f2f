import HTTPTypes
import JOSE
import OAuthJWT

extension FuzzTarget {
    /// The public base URL DPoP proofs name in the seeds.
    public static let senderConstrainedOrigin = "https://api.fuzz"

    static let senderConstrainedAuthenticator: BearerTokenAuthenticator = {
        var configuration = BearerTokenAuthenticator.Configuration(
            issuers: ["https://issuer.example"], audiences: ["api://fuzz"], algorithms: [.es256, .rs256],
            leeway: .seconds(60), clock: .fixed(fuzzNow))
        configuration.realm = "fuzz"
        configuration.dpop = DPoPPolicy(mode: .allowed, origin: .fixed(senderConstrainedOrigin))
        configuration.certificateBinding = .clientCertificateHeader()
        return try! BearerTokenAuthenticator(
            keys: StaticKeySource(keySet: FuzzKeys.verificationSet), configuration: configuration)
    }()

    /// A request with sender-constrained tokens → a decision: `DPoP` proofs (RFC 9449) and an RFC 9440
    /// `Client-Cert` header (RFC 8705).
    ///
    /// The input is split at 0x00 bytes into: the method, the path, the `Authorization` value, `DPoP` values
    /// (every part between), and the `Client-Cert` value (the last part; empty for none). A decision must not
    /// trap, and a rejection must be one of the RFC 6750 statuses with a header-safe challenge.
    public static let senderConstrainedRequest = FuzzTarget("senderConstrainedRequest") { input in
        var fields = parts(input)
        while fields.count < 4 { fields.append([]) }
        let method = HTTPRequest.Method(String(fuzz: fields.removeFirst())) ?? .get
        let path = String(fuzz: fields.removeFirst())
        let authorization = fields.removeFirst()
        let clientCertificate = fields.removeLast()
        var headers = HTTPFields()
        if !authorization.isEmpty { headers[.authorization] = String(fuzz: authorization) }
        for proof in fields { headers.append(HTTPField(name: HTTPField.Name("DPoP")!, value: String(fuzz: proof))) }
        if !clientCertificate.isEmpty { headers[.clientCert] = String(fuzz: clientCertificate) }
        let headerFields = headers
        runBlocking {
            let result = await senderConstrainedAuthenticator.authenticate(
                headerFields: headerFields, target: RequestTarget(method: method, path: path))
            checkRejection(result)
        }
    }
}
