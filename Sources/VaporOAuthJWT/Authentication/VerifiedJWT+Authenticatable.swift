public import JOSE
public import Vapor

/// A verified token is what ``OAuthJWTAuthenticator`` logs in: `req.auth.get(VerifiedJWT.self)`.
extension VerifiedJWT: Authenticatable {}
