package import HTTPTypes
package import Vapor

extension HTTPFields {
    /// The fields of Vapor's (SwiftNIO's) headers that the authenticator reads, `Authorization`, `Content-Type`,
    /// `DPoP` and the client-certificate header when one is configured, in order and each repeated field kept: two
    /// `Authorization` fields stay two, so the authenticator answers 400 instead of reading one. The other fields
    /// are not copied: a request's cookies and the rest are not needed.
    package init(authenticationFieldsOf headers: HTTPHeaders, clientCertificate: HTTPField.Name? = nil) {
        self.init()
        for (name, value) in headers {
            if name.caseInsensitiveEquals("authorization") {
                append(HTTPField(name: .authorization, value: value))
            } else if name.caseInsensitiveEquals("content-type") {
                append(HTTPField(name: .contentType, value: value))
            } else if name.caseInsensitiveEquals("dpop"), let dpop = HTTPField.Name("DPoP") {
                append(HTTPField(name: dpop, value: value))
            } else if let clientCertificate, name.caseInsensitiveEquals(clientCertificate.canonicalName) {
                append(HTTPField(name: clientCertificate, value: value))
            }
        }
    }
}

extension String {
    /// ASCII case-insensitive equality with a lowercase `name`, without making a lowercased copy.
    fileprivate func caseInsensitiveEquals(_ name: String) -> Bool {
        utf8.elementsEqual(name.utf8) { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }
}

extension HTTPHeaders {
    /// HTTP types' fields as Vapor's header fields, in order, each repeated field kept.
    package init(_ fields: HTTPFields) {
        self.init(fields.map { ($0.name.rawName, $0.value) })
    }
}
