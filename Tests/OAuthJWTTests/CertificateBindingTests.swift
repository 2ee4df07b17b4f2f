import Foundation
import HTTPTypes
import JOSE
import OAuthJWTTesting
import Testing

@testable import OAuthJWT

/// Certificate-bound access tokens (RFC 8705 §3) with the client certificate from an RFC 9440 `Client-Cert` header.
@Suite struct CertificateBindingTests {
    /// A self-signed EC certificate (the JOSE import tests' fixture), base64 of its DER.
    static let certificate =
        "MIIBlDCCATugAwIBAgIUBTerQnzDhblxx1RNjx0Hch7+0uEwCgYIKoZIzj0EAwIwHzEdMBsGA1UEAwwUc3dpZnQtb2F1dGgtand0IHRlc3QwIBcNMjYxMTIzMDA1ODQ4WhgPMjEyNjEwMzAwMDU4NDhaMB8xHTAbBgNVBAMMFHN3aWZ0LW9hdXRoLWp3dCB0ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYFYEsOHV+naLeOfco56MFTT7GbgR6osXtUmjv7PZLn/2GaHC8V44BlP5ak0QNw3QzWTATw5QBRPFa/Fn09lPxKNTMFEwHQYDVR0OBBYEFLfxg4RI9xE5m/hDz2h+Aa2byDX/MB8GA1UdIwQYMBaAFLfxg4RI9xE5m/hDz2h+Aa2byDX/MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgDVeAfuT7JuNMoFQvJthxwKMNgkndJKhbUUNaxm/0sOECIGj4R//WlVuSepBh0CzOLGCVKXVFof/JMBupsKSvxVS5"
    /// Its `x5t#S256`, computed outside this library (Python's hashlib).
    static let thumbprint = "lJst62rMuD_RPQ2mVN70iNrpuNp24McYbvWs0rZrM6w"

    let issuer: TestIssuer
    init() throws { issuer = try TestIssuer(issuedAt: TestIssuer.start) }

    func authenticator(_ binding: CertificateBinding) throws -> BearerTokenAuthenticator {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.certificateBinding = binding
        return try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
    }

    func fields(_ token: String, certificates: [String]) -> HTTPFields {
        var fields = HTTPFields.bearer(token)
        for value in certificates { fields.append(HTTPField(name: .clientCert, value: value)) }
        return fields
    }

    var boundToken: String {
        get throws { try issuer.token(["cnf": .object(["x5t#S256": .string(Self.thumbprint)])]) }
    }

    @Test func theBoundCertificateIsAccepted() async throws {
        let authenticator = try authenticator(.clientCertificateHeader())
        for value in [":\(Self.certificate):", "  :\(Self.certificate):\t"] {
            #expect(
                await authenticator.authenticate(headerFields: fields(try boundToken, certificates: [value]))
                    .isAuthorized)
        }
        // An unbound token needs no certificate.
        #expect(await authenticator.authenticate(headerFields: .bearer(try issuer.token())).isAuthorized)
    }

    @Test func anythingButTheBoundCertificateIsRefused() async throws {
        let authenticator = try authenticator(.clientCertificateHeader())
        var other = Array(Self.certificate)
        other[100] = other[100] == "A" ? "B" : "A"
        let refused = [
            [],  // no certificate
            [":\(String(other)):"],  // another certificate
            [Self.certificate],  // not a byte sequence
            [":\(Self.certificate.replacingOccurrences(of: "+", with: "-")):"],  // base64url is not base64
            [":" + String(Self.certificate.dropLast(3)) + ":"],  // truncated
            [":\(Self.certificate):;a=1"],
        ]
        for certificates in refused {
            let result = await authenticator.authenticate(
                headerFields: fields(try boundToken, certificates: certificates))
            #expect(result.rejection?.reason == .invalidToken(.certificateBindingMismatch), "\(certificates)")
            #expect(result.challenge?.contains(#"error="invalid_token""#) == true)
        }
        let two = await authenticator.authenticate(
            headerFields: fields(try boundToken, certificates: [":\(Self.certificate):", ":\(Self.certificate):"]))
        #expect(two.status == .badRequest)
        let wrongClaim = try issuer.token(["cnf": .object(["x5t#S256": 42])])
        #expect(
            await authenticator.authenticate(headerFields: fields(wrongClaim, certificates: [":\(Self.certificate):"]))
                .rejection?.reason == .invalidToken(.certificateBindingMismatch))
    }

    @Test func aBoundTokenIsRefusedWhenCertificatesAreNotRead() async throws {
        let authenticator = try authenticator(.disabled)
        let result = await authenticator.authenticate(
            headerFields: fields(try boundToken, certificates: [":\(Self.certificate):"]))
        #expect(result.rejection?.reason == .invalidToken(.certificateBindingMismatch))
    }

    @Test func paddedAndUnpaddedByteSequences() throws {
        let der = try #require(Data(base64Encoded: Self.certificate))
        let shorter = Array(der.prefix(407))  // 407 bytes: base64 ends in one '='
        let padded = ":" + Data(shorter).base64EncodedString() + ":"
        #expect(padded.hasSuffix("=:"))
        #expect(ClientCertificate.derCertificate(inHeaderValue: padded) == shorter)
        #expect(
            ClientCertificate.derCertificate(inHeaderValue: padded.replacingOccurrences(of: "=", with: "")) == shorter)
        for bad in ["::", ":===:", ":" + Data(shorter).base64EncodedString() + "=:", "", ":"] {
            #expect(ClientCertificate.derCertificate(inHeaderValue: bad) == nil, "\(bad)")
        }
    }
}
