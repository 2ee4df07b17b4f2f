import JOSE

extension FuzzTarget {
    /// PEM, DER and X.509 import: the input as PEM text and as DER bytes, each imported key exported again.
    public static let keyImport = FuzzTarget("keyImport") { input in
        var keys: [JWSKey] = []
        if let key = try? JWSKey(pem: String(fuzz: input)) { keys.append(key) }
        if let key = try? JWSKey(der: input) { keys.append(key) }
        for key in keys {
            _ = try? key.publicPEM()
            _ = try? key.publicJWK()
            _ = try? key.thumbprint()
            if key.isPrivate { _ = try? key.privatePEM() }
        }
    }
}
