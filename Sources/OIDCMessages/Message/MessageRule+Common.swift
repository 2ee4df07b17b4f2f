import JOSE

extension MessageRule {
    /// Values of `parameter` must use only the characters RFC 6749 Appendix A allows for `error`,
    /// `error_description` (`%x20-21 / %x23-5B / %x5D-7E`) or, with `allowSpace` false, `error_uri` and scope tokens.
    public static func characterSet(_ parameter: String, allowSpace: Bool = true) -> MessageRule {
        MessageRule { state throws(MessageError) in
            guard let values = state.message.strings(parameter) else { return }
            for value in values {
                let ok = value.utf8.allSatisfy { byte in
                    (byte == 0x20 && allowSpace) || byte == 0x21 || (0x23...0x5B).contains(byte)
                        || (0x5D...0x7E).contains(byte)
                }
                guard ok else {
                    throw MessageError(
                        .invalidValue, parameter: parameter, "The value has characters RFC 6749 does not allow")
                }
            }
        }
    }

    /// `parameter`, when present, must equal the option read by `expected` (when that option is set).
    public static func matches(
        _ parameter: String, _ expected: @escaping @Sendable (VerificationOptions) -> String?
    ) -> MessageRule {
        MessageRule { state throws(MessageError) in
            guard let value = state.message.string(parameter), let wanted = expected(state.options) else { return }
            guard value == wanted else {
                throw MessageError(.mismatch, parameter: parameter, "The value is not the expected one")
            }
        }
    }

    /// Verifies the JWT in `parameter` (when present) as a message of `schema`, records it under the parameter's
    /// name in ``MessageVerification/verified``, and runs `schema`'s own rules on it when `verifyContent` is set.
    public static func embeddedJWT(_ parameter: String, as schema: MessageSchema, verifyContent: Bool) -> MessageRule {
        MessageRule { state throws(MessageError) in
            guard let token = state.message.string(parameter) else { return }
            let (embedded, algorithm) = try await Message.decodeJWT(
                token, schema: schema, parameter: parameter, options: state.options)
            state.algorithms[parameter] = algorithm
            if verifyContent {
                do throws(MessageError) {
                    try await embedded.verify(state.options)
                } catch {
                    throw MessageError(error.code, parameter: "\(parameter).\(error.parameter ?? "")", error.message)
                }
            }
            state.verified[parameter] = embedded
        }
    }

    /// `a` and `b` must both be present or both absent.
    public static func together(_ a: String, _ b: String) -> MessageRule {
        MessageRule { state throws(MessageError) in
            let message = state.message
            if message.contains(a) != message.contains(b) {
                throw MessageError(
                    .missingRequiredParameter, parameter: message.contains(a) ? b : a,
                    "The parameter is required together with its pair")
            }
        }
    }

    /// The URL in `parameter` must be `https` (or, with `allowHTTP`, `http` when the options allow it) and have
    /// no query or fragment when `plain` is set.
    public static func httpsURL(_ parameter: String, plain: Bool = false, issuer: Bool = false) -> MessageRule {
        MessageRule { state throws(MessageError) in
            guard let value = state.message.string(parameter) else { return }
            let lower = value.lowercased()
            let httpOK = issuer && state.options.allowHTTPIssuer && lower.hasPrefix("http://")
            guard lower.hasPrefix("https://") || httpOK else {
                throw MessageError(.invalidValue, parameter: parameter, "The URL must use https")
            }
            if plain, value.contains("?") || value.contains("#") {
                throw MessageError(.invalidValue, parameter: parameter, "The URL must have no query or fragment")
            }
        }
    }
}
