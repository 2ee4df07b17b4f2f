package import HTTPTypes
package import Vapor

extension HTTPFields {
    /// Vapor's (SwiftNIO's) header fields as HTTP types' fields, in order, each repeated field kept: two
    /// `Authorization` fields stay two, so the authenticator answers 400 instead of reading one. A field whose name
    /// HTTP types refuses is left out (SwiftNIO's parser does not produce one).
    package init(_ headers: HTTPHeaders) {
        self.init()
        reserveCapacity(headers.count)
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { append(HTTPField(name: name, value: value)) }
        }
    }
}

extension HTTPHeaders {
    /// HTTP types' fields as Vapor's header fields, in order, each repeated field kept.
    package init(_ fields: HTTPFields) {
        self.init(fields.map { ($0.name.rawName, $0.value) })
    }
}
