extension OpenIDConnect {
    /// A JRD link (RFC 7033 §4.4.4): `rel` required; `type`, `href`, `titles`, `properties` optional.
    public static let link = MessageSchema(
        "Link",
        parameters: [
            "rel": .requiredString, "type": .optionalString, "href": .optionalString, "titles": .optionalJSON,
            "properties": .optionalJSON,
        ])

    /// A JSON Resource Descriptor (RFC 7033 §4.4): `subject`, `aliases`, `properties`, `links`. Undeclared members
    /// are kept.
    ///
    /// RFC 7033 §4.4.4 makes `links` optional; the Python original (and its port) declared it required.
    public static let jrd = MessageSchema(
        "JRD",
        parameters: [
            "subject": .optionalString, "aliases": .optionalList, "properties": .optionalJSON,
            "links": .optional(.messageList(link)),
        ])
}
