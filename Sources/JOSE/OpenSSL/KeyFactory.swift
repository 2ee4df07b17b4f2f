import CJWTOpenSSL

/// Builds OpenSSL keys from their parts (`EVP_PKEY_fromdata`), from PEM/DER, or by generating them.
enum KeyFactory {
    /// Collects the parameters of one `EVP_PKEY_fromdata` call and frees everything it allocated.
    final class Parameters {
        private let builder: OpaquePointer?
        private var numbers: [OpaquePointer] = []
        private var buffers: [UnsafeMutableRawBufferPointer] = []
        private var ok = true

        init() { builder = OSSL_PARAM_BLD_new() }

        deinit {
            for number in numbers { BN_clear_free(number) }
            for buffer in buffers {
                buffer.initializeMemory(as: UInt8.self, repeating: 0)
                buffer.deallocate()
            }
            OSSL_PARAM_BLD_free(builder)
        }

        /// Adds an unsigned big-endian integer.
        func bigNumber(_ name: String, _ bytes: [UInt8]) {
            guard let number = bytes.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), nil) }) else {
                ok = false
                return
            }
            numbers.append(number)
            ok = ok && OSSL_PARAM_BLD_push_BN(builder, cString(name), number) == 1
        }

        /// Adds a UTF-8 string.
        func string(_ name: String, _ value: String) {
            let copy = copyOf(Array(value.utf8) + [0])
            ok =
                ok
                && OSSL_PARAM_BLD_push_utf8_string(
                    builder, cString(name), copy.baseAddress?.assumingMemoryBound(to: CChar.self), 0) == 1
        }

        /// Adds an octet string.
        func octets(_ name: String, _ bytes: [UInt8]) {
            let copy = copyOf(bytes)
            ok = ok && OSSL_PARAM_BLD_push_octet_string(builder, cString(name), copy.baseAddress, bytes.count) == 1
        }

        /// The builder keeps pointers to parameter names until `OSSL_PARAM_BLD_to_param`, so names need stable storage.
        private func cString(_ name: String) -> UnsafePointer<CChar>? {
            UnsafePointer(copyOf(Array(name.utf8) + [0]).baseAddress?.assumingMemoryBound(to: CChar.self))
        }

        private func copyOf(_ bytes: [UInt8]) -> UnsafeMutableRawBufferPointer {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            buffer.copyBytes(from: bytes)
            buffers.append(buffer)
            return buffer
        }

        /// Makes the key. `keyType` is OpenSSL's name ("RSA", "EC").
        func makeKey(keyType: String, isPrivate: Bool) throws(JOSEError) -> EVPKey {
            guard ok, let builder, let params = OSSL_PARAM_BLD_to_param(builder) else {
                throw OpenSSLFailure.error("Could not assemble the key parameters", code: .invalidKey)
            }
            defer { OSSL_PARAM_free(params) }
            guard let context = EVP_PKEY_CTX_new_from_name(nil, keyType, nil) else {
                throw OpenSSLFailure.error("Could not create a key context")
            }
            defer { EVP_PKEY_CTX_free(context) }
            var key: OpaquePointer? = nil
            let selection = isPrivate ? cjwt_selection_keypair() : cjwt_selection_public_key()
            guard EVP_PKEY_fromdata_init(context) == 1, EVP_PKEY_fromdata(context, &key, selection, params) == 1,
                let key
            else { throw OpenSSLFailure.error("The key parameters do not form a valid key", code: .invalidKey) }
            return EVPKey(taking: key)
        }
    }

    /// An Ed25519 key from its raw 32-byte public or private part.
    static func ed25519(raw: [UInt8], isPrivate: Bool) throws(JOSEError) -> EVPKey {
        try rawKey("ED25519", raw: raw, isPrivate: isPrivate)
    }

    /// A key of OpenSSL type `keyType` (`ED25519`, `X25519`) from its raw public or private part.
    static func rawKey(_ keyType: String, raw: [UInt8], isPrivate: Bool) throws(JOSEError) -> EVPKey {
        let key = raw.withUnsafeBufferPointer { buffer in
            isPrivate
                ? EVP_PKEY_new_raw_private_key_ex(nil, keyType, nil, buffer.baseAddress, buffer.count)
                : EVP_PKEY_new_raw_public_key_ex(nil, keyType, nil, buffer.baseAddress, buffer.count)
        }
        guard let key else { throw OpenSSLFailure.error("Invalid \(keyType) key", code: .invalidKey) }
        return EVPKey(taking: key)
    }

    /// What a PEM or DER document held.
    enum Decoded {
        case publicKey(EVPKey)
        case privateKey(EVPKey)
    }

    /// Decodes PEM text: `PUBLIC KEY` (SPKI), `PRIVATE KEY` (PKCS#8, also the traditional RSA/EC forms) or `CERTIFICATE`.
    static func decodePEM(_ pem: String) throws(JOSEError) -> Decoded {
        let bytes = Array(pem.utf8)
        guard let label = pemLabel(bytes) else { throw JOSEError(.invalidInput, "No PEM block found") }
        return try bytes.withUnsafeBufferPointer { buffer throws(JOSEError) -> Decoded in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                throw OpenSSLFailure.error("Could not read the PEM text")
            }
            defer { BIO_free(bio) }
            // Each read passes a callback that refuses to supply a passphrase: without it OpenSSL would prompt on the terminal.
            switch label {
            case "PUBLIC KEY":
                guard let key = PEM_read_bio_PUBKEY(bio, nil, { _, _, _, _ in 0 }, nil) else {
                    throw OpenSSLFailure.error("Invalid PEM public key", code: .invalidKey)
                }
                return .publicKey(EVPKey(taking: key))
            case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
                guard let key = PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil) else {
                    throw OpenSSLFailure.error("Invalid PEM private key", code: .invalidKey)
                }
                return .privateKey(EVPKey(taking: key))
            case "CERTIFICATE":
                guard let certificate = PEM_read_bio_X509(bio, nil, { _, _, _, _ in 0 }, nil) else {
                    throw OpenSSLFailure.error("Invalid PEM certificate", code: .invalidKey)
                }
                defer { X509_free(certificate) }
                guard let key = X509_get_pubkey(certificate) else {
                    throw OpenSSLFailure.error("The certificate's key is not usable", code: .unsupportedKey)
                }
                return .publicKey(EVPKey(taking: key))
            default:
                throw JOSEError(.unsupportedKey, "Unsupported PEM type (encrypted keys are not supported)")
            }
        }
    }

    /// The label of the first `-----BEGIN label-----` line.
    private static func pemLabel(_ bytes: [UInt8]) -> String? {
        let marker = Array("-----BEGIN ".utf8)
        guard bytes.count > marker.count,
            let start = (0...(bytes.count - marker.count)).first(where: {
                bytes[$0..<($0 + marker.count)].elementsEqual(marker)
            })
        else { return nil }
        let labelStart = start + marker.count
        guard let labelEnd = bytes[labelStart...].firstIndex(of: UInt8(ascii: "-")) else { return nil }
        return String(decoding: bytes[labelStart..<labelEnd], as: UTF8.self)
    }

    /// Decodes DER: an SPKI public key, a PKCS#8 private key or an X.509 certificate. The whole input must be consumed.
    static func decodeDER(_ der: [UInt8]) throws(JOSEError) -> Decoded {
        try der.withUnsafeBufferPointer { buffer throws(JOSEError) -> Decoded in
            guard let base = buffer.baseAddress, buffer.count > 0, buffer.count < Int(Int32.max) else {
                throw JOSEError(.invalidInput, "Empty DER input")
            }
            guard let outline = DEROutline(buffer) else {
                throw JOSEError(.invalidKey, "Not a DER public key, private key or certificate")
            }
            // The outline ends at the last byte, so a decoder that stops early leaves trailing bytes.
            let end = base + buffer.count
            var cursor: UnsafePointer<UInt8>? = base
            /// One of OpenSSL's `d2i_…` key decoders, which must consume the whole input.
            func key(
                _ decode: (UnsafeMutablePointer<OpaquePointer?>?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int)
                    -> OpaquePointer?,
                _ what: String
            ) throws(JOSEError) -> EVPKey {
                guard let key = decode(nil, &cursor, buffer.count) else {
                    throw OpenSSLFailure.error("Invalid DER \(what)", code: .invalidKey)
                }
                guard cursor == end else {
                    EVP_PKEY_free(key)
                    throw JOSEError(.invalidKey, "Trailing bytes after the DER key")
                }
                return EVPKey(taking: key)
            }
            switch outline {
            case .subjectPublicKeyInfo:
                return .publicKey(try key(d2i_PUBKEY, "public key"))
            case .privateKey:
                return .privateKey(try key(d2i_AutoPrivateKey, "private key"))
            case .certificate:
                guard let certificate = d2i_X509(nil, &cursor, buffer.count) else {
                    throw OpenSSLFailure.error("Invalid DER certificate", code: .invalidKey)
                }
                defer { X509_free(certificate) }
                guard cursor == end, let key = X509_get_pubkey(certificate) else {
                    throw OpenSSLFailure.error("The certificate's key is not usable", code: .invalidKey)
                }
                return .publicKey(EVPKey(taking: key))
            }
        }
    }

    /// Generates a key pair. `keyType` is OpenSSL's name; `configure` sets size or curve.
    static func generate(keyType: String, configure: (OpaquePointer) -> Bool) throws(JOSEError) -> EVPKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, keyType, nil) else {
            throw OpenSSLFailure.error("Could not create a key context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_keygen_init(context) == 1, configure(context), EVP_PKEY_generate(context, &key) == 1, let key
        else {
            throw OpenSSLFailure.error("Key generation failed")
        }
        return EVPKey(taking: key)
    }

    /// Cryptographically secure random bytes.
    static func randomBytes(_ count: Int) throws(JOSEError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw OpenSSLFailure.error("No random bytes available") }
        return bytes
    }
}
