/// The OpenID Connect message types (OIDC Core 1.0, Discovery 1.0, Dynamic Registration 1.0, RP-Initiated
/// Logout 1.0, WebFinger RFC 7033), as ``MessageSchema`` values.
///
/// Taken from the Python original (`oicmsg.oic`, 2018), corrected where it contradicts the specifications; each
/// deviation is noted on the schema.
public enum OpenIDConnect {}
