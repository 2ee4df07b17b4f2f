/// One member of a JSON object: a name and its value.
struct JSONMember: Sendable, Hashable {
    let name: String
    var value: JSONValue
}

extension [JSONMember] {
    /// The value of the member named `name`, compared as `String` keys are.
    func value(named name: String) -> JSONValue? {
        first { $0.name == name }?.value
    }
}
