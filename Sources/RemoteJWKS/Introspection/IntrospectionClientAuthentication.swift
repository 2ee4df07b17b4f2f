import Foundation
import JOSE

/// How a ``RemoteTokenIntrospector`` authenticates to the introspection endpoint (RFC 7662 §2.1 requires it;
/// RFC 6749 §2.3.1 defines the two methods).
///
/// Its `description` names the method and client, never the secret.
public struct IntrospectionClientAuthentication: Sendable, Hashable, CustomStringConvertible {
    enum Method: Sendable, Hashable {
        case basic
        case post
    }

    let method: Method
    /// The client identifier the resource server is registered under.
    public let clientID: String
    let secret: String

    /// `client_secret_basic`: the client identifier and secret in an HTTP Basic `Authorization` header, each
    /// form-encoded first as RFC 6749 §2.3.1 says. The method every authorization server must support.
    public static func clientSecretBasic(clientID: String, secret: String) -> Self {
        Self(method: .basic, clientID: clientID, secret: secret)
    }

    /// `client_secret_post`: the client identifier and secret as `client_id` and `client_secret` form parameters.
    public static func clientSecretPost(clientID: String, secret: String) -> Self {
        Self(method: .post, clientID: clientID, secret: secret)
    }

    /// The method's registered name and the client, such as `client_secret_basic(resource-server)`.
    public var description: String {
        (method == .basic ? "client_secret_basic" : "client_secret_post") + "(\(clientID))"
    }

    /// The form parameters this method adds to the request body.
    var formParameters: [(String, String)] {
        method == .post ? [("client_id", clientID), ("client_secret", secret)] : []
    }

    /// The `Authorization` header's value for this method, or `nil` when the credentials go in the body.
    var authorization: String? {
        guard method == .basic else { return nil }
        let credentials = FormURLEncoding.encode(clientID) + ":" + FormURLEncoding.encode(secret)
        return "Basic " + Data(credentials.utf8).base64EncodedString()
    }
}
