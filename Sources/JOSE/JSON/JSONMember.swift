/// One member of a JSON object: a name and its value.
struct JSONMember: Sendable {
    let name: String
    var value: JSONValue
}

extension [JSONMember] {
    /// The members as a dictionary; their names must be unique, as a parsed object's are.
    var dictionary: [String: JSONValue] {
        var dictionary = [String: JSONValue](minimumCapacity: count)
        for member in self { dictionary[member.name] = member.value }
        return dictionary
    }
}
