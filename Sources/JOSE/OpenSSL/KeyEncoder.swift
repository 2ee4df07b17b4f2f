import CJWTOpenSSL

/// Writes OpenSSL keys as PEM.
enum KeyEncoder {
    /// SPKI `PUBLIC KEY` PEM of the key's public half.
    static func publicPEM(_ key: EVPKey) throws(JOSEError) -> String {
        try write { PEM_write_bio_PUBKEY($0, key.pointer) == 1 }
    }

    /// Unencrypted PKCS#8 `PRIVATE KEY` PEM.
    static func privatePEM(_ key: EVPKey) throws(JOSEError) -> String {
        try write { PEM_write_bio_PKCS8PrivateKey($0, key.pointer, nil, nil, 0, nil, nil) == 1 }
    }

    private static func write(_ body: (OpaquePointer) -> Bool) throws(JOSEError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLFailure.error("Could not create a memory buffer") }
        defer { BIO_free(bio) }
        guard body(bio) else { throw OpenSSLFailure.error("Could not encode the key as PEM") }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = BIO_read(bio, &chunk, Int32(chunk.count))
            guard count > 0 else { break }
            output += chunk[0..<Int(count)]
        }
        return String(decoding: output, as: UTF8.self)
    }
}
