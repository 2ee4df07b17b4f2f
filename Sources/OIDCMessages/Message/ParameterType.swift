import JOSE

/// How a declared parameter is typed and put on the wire (the Python original's `VTYPE` and serializer pairs).
///
/// | Type | JSON form | form (`x-www-form-urlencoded`) form |
/// |---|---|---|
/// | `string` | string | text |
/// | `integer` | number | decimal text |
/// | `boolean` | `true`/`false` | `true`/`false` |
/// | `stringList` | array of strings | one space-joined value |
/// | `spaceSeparatedStrings` | one space-joined string | one space-joined value |
/// | `jsonObject` | nested object | the object's JSON text |
/// | `message(_:)` | nested object | the object's JSON text |
/// | `messageList(_:)` | array of objects | the array's JSON text |
/// | `idToken` | the compact JWT string | the compact JWT string |
public indirect enum ParameterType: Sendable {
    /// One string (`SINGLE_*_STRING`).
    case string
    /// One integer (`SINGLE_*_INT`). Numeric strings are accepted on input and converted.
    case integer
    /// One Boolean (`SINGLE_OPTIONAL_BOOLEAN`). JSON input must be a real Boolean; form input `true`/`false`.
    case boolean
    /// A list of strings (`*_LIST_OF_STRINGS`): an array in JSON, one space-joined value in a form.
    case stringList
    /// A space-separated list (`*_LIST_OF_SP_SEP_STRINGS`, RFC 6749 §3.3): a space-joined string in both forms.
    case spaceSeparatedStrings
    /// A JSON object (`SINGLE_OPTIONAL_JSON`/`_DICT`). Unlike the Python original, which wrote it as a JSON
    /// *string* even inside JSON, it is a nested object in JSON and JSON text only in a form.
    case jsonObject
    /// A nested message of the given schema.
    case message(MessageSchema)
    /// A list of nested messages of the given schema.
    case messageList(MessageSchema)
    /// A compact JWT carrying an ``OpenIDConnect/idToken``, kept as text until ``Message/verify(_:)`` checks it.
    case idToken

    var isList: Bool {
        switch self {
        case .stringList, .spaceSeparatedStrings: true
        default: false
        }
    }
}

/// The declaration of one parameter: its type, whether it is required, and whether `null` is a value.
public struct ParameterSpec: Sendable {
    /// The type.
    public let type: ParameterType
    /// Whether ``Message/verify(_:)`` and the serializers insist on the parameter.
    public let isRequired: Bool
    /// Whether JSON `null` is kept as a value (only `SINGLE_OPTIONAL_JSON_WN` in the original).
    public let allowsNull: Bool

    /// Declares a parameter.
    public init(_ type: ParameterType, required: Bool = false, allowsNull: Bool = false) {
        self.type = type
        self.isRequired = required
        self.allowsNull = allowsNull
    }

    /// A required parameter of `type`.
    public static func required(_ type: ParameterType) -> ParameterSpec { ParameterSpec(type, required: true) }
    /// An optional parameter of `type`.
    public static func optional(_ type: ParameterType) -> ParameterSpec { ParameterSpec(type) }
}
