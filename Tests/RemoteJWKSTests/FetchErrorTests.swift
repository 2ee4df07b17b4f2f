import RemoteJWKS
import Testing

/// ``JWKSFetchError`` has the package's one error shape: a stable code, the status only where it means something.
struct FetchErrorTests {
    @Test("Fetch errors carry stable codes; an unexpected status keeps its number and nothing else")
    func shape() {
        let unavailable = JWKSFetchError.unexpectedStatus(503)
        #expect(unavailable.code == .unexpectedStatus)
        #expect(unavailable.status == 503)
        #expect(unavailable != .unexpectedStatus(500))
        #expect(unavailable.description == "the server answered with HTTP status 503")
        let codes: [(JWKSFetchError, String)] = [
            (.timedOut, "timed_out"), (.bodyTooLarge, "body_too_large"), (.redirectRefused, "redirect_refused"),
            (.transportFailed, "transport_failed"), (.invalidDocument, "invalid_document"),
            (unavailable, "unexpected_status"),
        ]
        for (error, code) in codes {
            #expect(error.code.rawValue == code)
            #expect(error == unavailable || error.status == nil)
        }
        #expect(Set(codes.map(\.0.description)).count == codes.count)
    }
}
