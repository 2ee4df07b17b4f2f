public import OAuthJWT
public import Vapor

/// An access token is what ``OAuthJWTAuthenticator`` logs in: `req.auth.get(AccessToken.self)`.
extension AccessToken: Authenticatable {}
