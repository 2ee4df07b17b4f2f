import CJWTOpenSSL
import Glibc

/// The SHA-2 digests JWS uses, fetched from OpenSSL once per process.
package enum Digest: Sendable {
    case sha256, sha384, sha512

    /// Output length in bytes.
    var size: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// OpenSSL's name for the digest.
    var name: String {
        switch self {
        case .sha256: "SHA256"
        case .sha384: "SHA384"
        case .sha512: "SHA512"
        }
    }

    /// The fetched `EVP_MD`. Fetched once; fetched digests are immutable and safe to share across threads.
    var evpMD: OpaquePointer {
        switch self {
        case .sha256: FetchedAlgorithms.shared.sha256
        case .sha384: FetchedAlgorithms.shared.sha384
        case .sha512: FetchedAlgorithms.shared.sha512
        }
    }

    /// Hashes `bytes` in one shot.
    package func hash(_ bytes: [UInt8]) throws(JOSEError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        var length: UInt32 = 0
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, evpMD, nil)
            }
        }
        guard status == 1, Int(length) == size else { throw OpenSSLFailure.error("Digest computation failed") }
        return output
    }
}

/// Algorithm objects fetched from the default provider once, at first use.
///
/// `@unchecked Sendable`: the pointers are written once in `init` and never changed; OpenSSL documents
/// fetched `EVP_MD` objects as immutable and safe to use from several threads at once.
final class FetchedAlgorithms: @unchecked Sendable {
    static let shared = FetchedAlgorithms()

    let sha256: OpaquePointer
    let sha384: OpaquePointer
    let sha512: OpaquePointer

    private init() {
        // Failing to fetch SHA-2 means the OpenSSL installation itself is broken; nothing an input can cause.
        guard let sha256 = EVP_MD_fetch(nil, "SHA256", nil), let sha384 = EVP_MD_fetch(nil, "SHA384", nil),
            let sha512 = EVP_MD_fetch(nil, "SHA512", nil)
        else { fatalError("OpenSSL's default provider has no SHA-2: the OpenSSL installation is broken") }
        self.sha256 = sha256
        self.sha384 = sha384
        self.sha512 = sha512
    }
}

/// Errors raised by the OpenSSL glue. They clear OpenSSL's per-thread error queue so failures never pile up.
enum OpenSSLFailure {
    static func error(_ message: String, code: JOSEError.Code = .cryptoFailure) -> JOSEError {
        if getenv("JOSE_DEBUG_OPENSSL") != nil {
            while case let code = ERR_get_error(), code != 0 {
                var buffer = [CChar](repeating: 0, count: 256)
                ERR_error_string_n(code, &buffer, buffer.count)
                print(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
        }
        ERR_clear_error()
        return JOSEError(code, message)
    }
}
