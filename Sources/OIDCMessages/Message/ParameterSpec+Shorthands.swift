extension ParameterSpec {
    /// A required string (`SINGLE_REQUIRED_STRING`).
    public static let requiredString = ParameterSpec(.string, required: true)
    /// An optional string (`SINGLE_OPTIONAL_STRING`).
    public static let optionalString = ParameterSpec(.string)
    /// A required integer (`SINGLE_REQUIRED_INT`).
    public static let requiredInteger = ParameterSpec(.integer, required: true)
    /// An optional integer (`SINGLE_OPTIONAL_INT`).
    public static let optionalInteger = ParameterSpec(.integer)
    /// A required Boolean (`SINGLE_REQUIRED_BOOLEAN`).
    public static let requiredBoolean = ParameterSpec(.boolean, required: true)
    /// An optional Boolean (`SINGLE_OPTIONAL_BOOLEAN`).
    public static let optionalBoolean = ParameterSpec(.boolean)
    /// A required list of strings (`REQUIRED_LIST_OF_STRINGS`).
    public static let requiredList = ParameterSpec(.stringList, required: true)
    /// An optional list of strings (`OPTIONAL_LIST_OF_STRINGS`).
    public static let optionalList = ParameterSpec(.stringList)
    /// A required space-separated list (`REQUIRED_LIST_OF_SP_SEP_STRINGS`).
    public static let requiredSpaceSeparated = ParameterSpec(.spaceSeparatedStrings, required: true)
    /// An optional space-separated list (`OPTIONAL_LIST_OF_SP_SEP_STRINGS`).
    public static let optionalSpaceSeparated = ParameterSpec(.spaceSeparatedStrings)
    /// An optional JSON object (`SINGLE_OPTIONAL_JSON`).
    public static let optionalJSON = ParameterSpec(.jsonObject)
    /// A required ID token (`SINGLE_REQUIRED_IDTOKEN`).
    public static let requiredIDToken = ParameterSpec(.idToken, required: true)
    /// An optional ID token (`SINGLE_OPTIONAL_IDTOKEN`).
    public static let optionalIDToken = ParameterSpec(.idToken)
}
