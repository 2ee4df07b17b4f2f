extension JWSKey {
    /// Checks a JWS signature over `message` (the ASCII bytes of `header.payload`).
    ///
    /// - Throws: ``ErrorCode/keyAlgorithmMismatch`` or ``ErrorCode/keyUsageNotPermitted`` when this
    ///   key may not check `algorithm`, ``ErrorCode/malformedSignature`` when the signature has the wrong
    ///   length for the algorithm and key, ``ErrorCode/invalidSignature`` when it does not verify.
    public func verify(signature: [UInt8], for message: [UInt8], algorithm: JWSAlgorithm) throws(JOSEError) {
        try signature.withUnsafeBufferPointer { signature throws(JOSEError) in
            try message.withUnsafeBufferPointer { message throws(JOSEError) in
                try verify(
                    signature: UnsafeRawBufferPointer(signature), message: UnsafeRawBufferPointer(message),
                    algorithm: algorithm)
            }
        }
    }

    /// Computes a JWS signature over `message` (the ASCII bytes of `header.payload`), in JWS form
    /// (raw `r || s` for ECDSA).
    public func sign(_ message: [UInt8], algorithm: JWSAlgorithm) throws(JOSEError) -> [UInt8] {
        try checkUsable(for: algorithm, operation: .sign)
        return try message.withUnsafeBufferPointer { buffer throws(JOSEError) in
            let message = UnsafeRawBufferPointer(buffer)
            switch material {
            case .secret(let secret):
                guard let digest = algorithm.digest else {
                    throw JOSEError(.keyAlgorithmMismatch, "Not an HMAC algorithm")
                }
                return try secret.mac(message, digest: digest)
            case .asymmetric(let key):
                let signature = try AsymmetricSignature.sign(message, key: key, algorithm: algorithm)
                if case .ecdsa(let curve) = algorithm.family {
                    return try ECDSASignature.raw(fromDER: signature, size: curve.coordinateSize)
                }
                return signature
            }
        }
    }

    func verify(signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, algorithm: JWSAlgorithm)
        throws(JOSEError)
    {
        try checkUsable(for: algorithm, operation: .verify)
        guard signature.count == expectedSignatureLength(for: algorithm) else {
            throw JOSEError(.malformedSignature, "The signature has the wrong length for the algorithm")
        }
        let valid: Bool
        switch material {
        case .secret(let secret):
            guard let digest = algorithm.digest else { throw JOSEError(.keyAlgorithmMismatch, "Not an HMAC algorithm") }
            valid = try secret.verify(tag: signature, message: message, digest: digest)
        case .asymmetric(let key):
            if case .ecdsa(let curve) = algorithm.family {
                let der = ECDSASignature.der(fromRaw: signature, size: curve.coordinateSize)
                valid = try der.withUnsafeBufferPointer { der throws(JOSEError) in
                    try AsymmetricSignature.verify(
                        UnsafeRawBufferPointer(der), message: message, key: key, algorithm: algorithm)
                }
            } else {
                valid = try AsymmetricSignature.verify(signature, message: message, key: key, algorithm: algorithm)
            }
        }
        guard valid else { throw JOSEError(.invalidSignature, "The signature is invalid") }
    }

    /// The only signature length a JWS of `algorithm` made with this key can have.
    private func expectedSignatureLength(for algorithm: JWSAlgorithm) -> Int {
        switch (algorithm.family, type) {
        case (.ecdsa(let curve), _): 2 * curve.coordinateSize
        case (.ed25519, _): 64
        case (_, .rsa(let bits)): (bits + 7) / 8
        default: algorithm.digest?.size ?? 0
        }
    }
}
