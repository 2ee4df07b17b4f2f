import JOSE
import OIDCMessages
import Testing

/// The round-trip vectors of spec §1.9 (obtained by running the Python original).
@Suite struct RoundTripVectorTests {
    @Test func authorizationRequestURLEncoded() throws {
        let request = try Message(
            OAuth2.authorizationRequest,
            [
                "response_type": ["code", "token"], "client_id": "foobar", "scope": ["openid", "email"],
                "redirect_uri": "https://x/cb?a=b", "state": "s",
            ])
        #expect(
            try request.urlEncoded()
                == "response_type=code+token&client_id=foobar&scope=openid+email&redirect_uri=https%3A%2F%2Fx%2Fcb%3Fa%3Db&state=s"
        )
    }

    @Test func authorizationRequestJSON() throws {
        let request = try Message(
            OAuth2.authorizationRequest, ["response_type": ["code", "token"], "client_id": "foobar"])
        // Python: {"response_type": "code token", "client_id": "foobar"} — the same value, compact separators.
        #expect(request.jsonString() == #"{"response_type":"code token","client_id":"foobar"}"#)
        let back = try Message(OAuth2.authorizationRequest, jsonString: request.jsonString())
        #expect(back == request)
    }

    @Test func authorizationRequestFromURLEncoded() throws {
        let request = try Message(
            OAuth2.authorizationRequest, urlEncoded: "response_type=code+token&client_id=foobar&scope=openid%20email")
        #expect(request["response_type"] == ["code", "token"])
        #expect(request["scope"] == ["openid", "email"])
        #expect(request.string("client_id") == "foobar")
    }

    @Test func registrationRequestDefaultsComeFirst() throws {
        let request = try Message(
            OpenIDConnect.registrationRequest,
            ["redirect_uris": ["https://a/cb", "https://b/cb"], "contacts": ["a@b"]])
        #expect(
            try request.urlEncoded()
                == "application_type=web&response_types=code&redirect_uris=https%3A%2F%2Fa%2Fcb+https%3A%2F%2Fb%2Fcb&contacts=a%40b"
        )
        let back = try Message(OpenIDConnect.registrationRequest, urlEncoded: try request.urlEncoded())
        #expect(back == request)
        #expect(back.parameterNames == request.parameterNames)
    }

    @Test func webFingerRequest() throws {
        let request = try Message(OpenIDConnect.webFingerRequest, ["resource": "acct:a@b"])
        #expect(
            try request.urlEncoded()
                == "rel=http%3A%2F%2Fopenid.net%2Fspecs%2Fconnect%2F1.0%2Fissuer&resource=acct%3Aa%40b")
    }

    @Test func claimsParameterNestedInJSONAndJSONTextInForm() throws {
        let claims: JSONValue = ["userinfo": ["email": ["essential": true]]]
        let request = try Message(
            OpenIDConnect.authorizationRequest,
            [
                "response_type": "code", "client_id": "c", "scope": "openid", "redirect_uri": "https://c/cb",
                "claims": claims,
            ])
        let json = try JSONValue(parsing: request.jsonBytes())
        #expect(json["claims"] == claims)
        let form = try request.urlEncoded()
        #expect(form.contains("claims=%7B%22userinfo%22%3A%7B%22email%22%3A%7B%22essential%22%3Atrue%7D%7D%7D"))
        let back = try Message(OpenIDConnect.authorizationRequest, urlEncoded: form)
        let claimsRequest = try #require(try back.message("claims", as: OpenIDConnect.claimsRequest))
        let userinfo = try #require(try claimsRequest.message("userinfo", as: OpenIDConnect.claims))
        #expect(userinfo["email"] == ["essential": true])
        #expect(back == request)
    }

    @Test func idTokenAudienceIsAlwaysAList() throws {
        let token = try Message(OpenIDConnect.idToken, ["aud": "a"])
        #expect(token["aud"] == ["a"])
        #expect(token.jsonString() == #"{"aud":["a"]}"#)
    }

    @Test func jrdKeepsUndeclaredMembers() throws {
        let text =
            #"{"subject":"acct:a@b","links":[{"rel":"http://openid.net/specs/connect/1.0/issuer","href":"https://op"}],"dummy":"foo"}"#
        let jrd = try Message(OpenIDConnect.jrd, jsonString: text)
        #expect(jrd["dummy"] == "foo")
        #expect(jrd.extras == ["dummy": "foo"])
        let back = try Message(OpenIDConnect.jrd, jsonString: jrd.jsonString())
        #expect(back == jrd)
    }
}
