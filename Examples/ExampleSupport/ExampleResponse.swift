package import JOSE

/// A response of the example servers before it becomes a Hummingbird or Vapor response: both servers answer with
/// the same bytes.
package struct ExampleResponse: Sendable {
    package var status: Int
    package var body: [UInt8]
    package var headers: [(name: String, value: String)]

    /// A JSON answer.
    package static func json(_ status: Int, _ value: JSONValue) -> ExampleResponse {
        ExampleResponse(status: status, body: value.serialized(), headers: [("Content-Type", "application/json")])
    }
}
