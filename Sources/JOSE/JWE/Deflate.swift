import CZlib

/// Raw DEFLATE (RFC 1951) through the system zlib, for JWE's `"zip": "DEF"`: inflating stops as soon as the output
/// would pass its limit, so a decompression bomb costs at most that much memory.
enum Deflate {
    /// Compresses `bytes`.
    static func compress(_ bytes: [UInt8]) throws(JOSEError) -> [UInt8] {
        var stream = z_stream()
        guard cjwt_deflate_init_raw(&stream, Z_DEFAULT_COMPRESSION) == Z_OK else {
            throw JOSEError(.encryptionFailed, "Compression could not start")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw JOSEError(.encryptionFailed, "Compression failed") }
        return Array(output[..<Int(stream.total_out)])
    }

    /// Inflates `bytes` into at most `limit` bytes.
    /// - Throws: ``ErrorCode/plaintextTooLarge`` past the limit, ``ErrorCode/decompressionFailed`` for data that is
    ///   not one complete raw DEFLATE stream.
    static func decompress(_ bytes: [UInt8], limit: Int) throws(JOSEError) -> [UInt8] {
        var stream = z_stream()
        guard cjwt_inflate_init_raw(&stream) == Z_OK else {
            throw JOSEError(.decompressionFailed, "Decompression could not start")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var input = bytes
        var status = Z_OK
        try input.withUnsafeMutableBufferPointer { source throws(JOSEError) in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return target.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw JOSEError(.decompressionFailed, "The content is not valid DEFLATE data")
                }
                guard produced <= limit - output.count else {
                    throw JOSEError(.plaintextTooLarge, "The content inflates beyond the allowed size")
                }
                output += chunk[..<produced]
                // No progress with input left means the stream is truncated.
                if status == Z_OK, produced == 0, stream.avail_in == 0 {
                    throw JOSEError(.decompressionFailed, "The content is not valid DEFLATE data")
                }
            } while status != Z_STREAM_END
        }
        guard stream.avail_in == 0 else {
            throw JOSEError(.decompressionFailed, "The content has data after the DEFLATE stream")
        }
        return output
    }
}
