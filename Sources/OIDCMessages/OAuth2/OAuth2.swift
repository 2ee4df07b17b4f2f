/// The OAuth 2.0 message types (RFC 6749, RFC 8414), as ``MessageSchema`` values.
///
/// Taken from the Python original (`oicmsg.oauth2`, 2018), corrected where it contradicts the RFCs; each
/// deviation is noted on the schema.
public enum OAuth2 {}
