/// A token as a key of the verified-token cache: equal when the bytes are equal, hashed by its length and its
/// last bytes only.
///
/// Hashing the whole token (hundreds of bytes, often more) was a tenth of a cache hit. The last bytes of a compact JWS are
/// signature bytes, which differ between any two tokens an authorization server signs, so they spread entries as
/// well as the whole token would; the hasher stays Swift's seeded one. Equality compares every byte, so a token
/// that shares a cached token's end is only a one-entry comparison, never a hit.
struct CachedTokenKey: Hashable, Sendable {
    /// How many bytes at the end of the token are hashed.
    static let hashedSuffixLength = 32

    let token: String

    init(_ token: String) {
        self.token = token
    }

    static func == (left: Self, right: Self) -> Bool {
        left.token.hasSameBytes(as: right.token)
    }

    func hash(into hasher: inout Hasher) {
        let bytes = token.utf8
        hasher.combine(bytes.count)
        let hashed: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
            hasher.combine(
                bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer.suffix(Self.hashedSuffixLength))))
            return true
        }
        if hashed == nil {
            for byte in bytes.suffix(Self.hashedSuffixLength) { hasher.combine(byte) }
        }
    }
}
