#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The protected headers a verifier parsed last, kept by their encoded bytes.
///
/// An authorization server puts the same protected header on every token it signs with one key, byte for byte, so a
/// resource server sees a handful of distinct header segments. A checked ``JWSHeader`` depends on nothing but those
/// bytes, so a segment seen before can take the earlier result instead of being decoded, parsed and checked again.
/// Only headers that passed every check are kept, a hit needs every byte to match, and a few hostile tokens with
/// fresh headers only cost the parse they would have cost anyway.
final class RecentHeaders: Sendable {
    /// Segments longer than this are always parsed, so a hostile header cannot pin much memory.
    static let maximumEncodedSize = 512
    static let capacity = 4

    private final class Entry: Sendable {
        let encoded: [UInt8]
        let header: JWSHeader

        init(encoded: [UInt8], header: JWSHeader) {
            self.encoded = encoded
            self.header = header
        }

        func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            encoded.count == bytes.count
                && encoded.withUnsafeBufferPointer { own in
                    // Equal counts: a missing base address means both are empty.
                    guard let ownBase = own.baseAddress, let base = bytes.baseAddress else { return true }
                    return memcmp(ownBase, base, own.count) == 0
                }
        }
    }

    private struct State {
        var entries: [Entry] = []
        /// The slot the next new header replaces once all are taken.
        var next = 0
    }

    private let state = Locked(State())

    init() {}

    /// The header that `encoded` (a header segment, still base64url) decodes to: a kept one, or `parse(encoded)`.
    func header(
        encoded: UnsafeBufferPointer<UInt8>, parse: (UnsafeBufferPointer<UInt8>) throws(JOSEError) -> JWSHeader
    ) throws(JOSEError) -> JWSHeader {
        guard encoded.count <= Self.maximumEncodedSize else { return try parse(encoded) }
        if let kept = state.withLock({ state in state.entries.first { $0.matches(encoded) } }) {
            return kept.header
        }
        let header = try parse(encoded)
        let entry = Entry(encoded: Array(encoded), header: header)
        state.withLock { state in
            if state.entries.count < Self.capacity {
                state.entries.append(entry)
            } else {
                state.entries[state.next] = entry
                state.next = (state.next + 1) % Self.capacity
            }
        }
        return header
    }
}
