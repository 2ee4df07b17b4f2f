import JOSE

/// Fixed key material for the fuzz targets, so committed seed tokens verify in every run.
///
/// These keys were generated for fuzzing only and protect nothing: never use them anywhere else.
public enum FuzzKeys {
    /// Private JWKs by `kid`.
    static let privateJWKs: [String: String] = [
        "rsa":
            #"{"kty":"RSA","kid":"rsa","n":"sLWi-G6VFdnL1gij29nk2Earowojosz3orAiDnQxtZgVA4gmEYnU6-1idFSv5FDt-XLAIusyhW5CVvXaLEPZzjAin8x58WhyBtXVtDEOr5mpuYTEBBzJt9agQp1HgtrZ_Fe83hprpZevq8orHFhmsVvm2MO7_2XaqmN3-vB__NpebWhxGpmHgUFDsUKgaa_RX0gAFts2Eg8OnRSm1JmzIlsV7HbC55zGT_nT8C8wEY76z6H531zYp6tmTo8jKAxKz_oiq6IeCpcPoTKsQeb3rxP2gPtzy719CGlfk0Coeay8QvOjpUVqtiFhRlApot7DSyNsnPjn2AsdyQo6ZHuc6w","e":"AQAB","d":"E2TRRA7EPKewoAbxZORJzMAaKkSnRet_lNKxNNY6dmxV3L4JNOI5r22ti92XiFP8Kjpr1-k-8Yyjqe5Fnuy7b3kHnnN57ALDMPjbAXG445DWeHlCbL50F8HDHkyArV3eOrxZCs8_gpGz7Vi82S7ikRM9sgtEC3MJnVWutKhx2OA3ORjCjUbxwPTPibUN5UmM3YDl_D6RevZv2IX073RM4RsbHL2nRFsdqrt4FQ5JsbCUMpaieFKQeYHXosC1I34UkLpLGmkTntyoeKSvuM5nQkseUgxt3PN1g35ZZ9iJeEoqI9r0Oz5GBVG-FXrfuqbDyHysWv5URlC7UdszPNyWgQ","p":"-RUMnlvnEOK2bjeQ6G7ES68uw-f-Ew68mIRhnEsz2x6kLsYrscpSSE1HIcYweXWJz2TdcRbw1HdB48abpBWtEn873hYd0XORzEnXJ6cVfmtQpJO96RQfhCB40y7_gidv_5JjVEVlxRRioq_BFBftHnKYZY6HOAjmKIUuLnAQsks","q":"tZ4GOb8MGCNyHZb0DV1W1oPUrgMvUPFvKsAC-dRbjsmnI82wmR9LUmd0HsuXovCZr7Sypz04nf2ZeH8o3T2VoD0K0e392yAcO0xy7KVTQ0hgYG4suNGfi6cYo-YklPt6OXM8VYNULVKAn1ercYFRCcmB0JzhwXy5soV465BjG-E","dp":"ji2Ou2IYPlI68iTzqUl48P65QghNxlEWJDUEhrOCkSQnca-ax2yGlVDPNp8rklkeZezcXi5LH-xHBx6aPwpEdZd88-NJ-AHxClxn3PGJ2lSlfpv6vm3HI6NpdJqSLJgYXRkRa8wFMH7XYqfSHYceyc994BKAauLhheWnm8hKL4s","dq":"KlX844cqXZIdrtIab-cbMAQpFqs9Y2P0YwXBa9VZxm4xXQI8sWT_HOVqxyb0YRIu8StxHdUClqmgFdumffQ2JdU06XzN2T-h9Ry8CXf8ccm0VaY5HJgY1egMsWAblPMOKcg3_0MO40XBH-PC3kGjz2E-to9rfLwDWZ8NcfQFdmE","qi":"lbvftQSaKWuVvYlNgvQLP7cEoUOY-aUUKi3pgTVkqlvrjy4aK1L9-oc9k6v9R_h6KJRGLtsf77nO8012EIeQ-0xdpatxfagawP_AgQnE0PZ8c4ZP751c84_-gaVUFWH2689bQEcvCOH-NW-umdMwI_z6gAYaK_Gui8ZPAwrXt38"}"#,
        "p256":
            #"{"kty":"EC","kid":"p256","crv":"P-256","x":"WjkGgmDGjzxURysl0CjYUKBj6imzuZVVpWuVCd2lvrk","y":"jYJpBgLk-LPhxclr9H9XJ6ZluEuIzlTpJWffsESK0Z8","d":"bw1JlklvYt0Q6E1aO-qlyiQB5rvlToTybAwqDSDVzAM"}"#,
        "p384":
            #"{"kty":"EC","kid":"p384","crv":"P-384","x":"E7D8JSxEvsscBrFhaMW4y7lgR-gtxtMe6-MQca8-Hrvl-zZ5lDduY-OutllHzBwY","y":"WKX-Y4bqHQH8xtylU_pyxtdJERWyWCPAcP_Pn_QpMmTib5WruesYwc_2-wj3HJHN","d":"atxbj59uv2S2VFSipNEBFdC8_Gzw1F1Eb40VfsTmu_s-9jVkkyIgPFdbOXUyAJFY"}"#,
        "p521":
            #"{"kty":"EC","kid":"p521","crv":"P-521","x":"AB-uYl-73Hkc4L5hCJ-IAty5tvL_hkP_pF9XbKFskITVS5OZwkPHhI6-KpkUyQUmx5RWcMsqSgzrHfStGXLflpnC","y":"AZvQbBRD2DYb-AoiVoH8y7JFPSbPeZlqBHnNsNmImC6jTcdD6ShPraVzK2upUy0JrYnHf5TaK_XvaG2H9Iu9Zsg5","d":"AHch2Po5AWX0_crzjbX2Sf_PMxnK9W0VCS1gmHVr_ncJbE97b8xXurWEpz12iAX-LIm87W8C8JgouBNrmPFFLHXq"}"#,
        "ed25519":
            #"{"kty":"OKP","kid":"ed25519","crv":"Ed25519","x":"dezQDPm13HH0r3VLT0PGFyvo6jXRKkKDiqRcIy1MkWo","d":"p4UfOOOMnRXaIQEthUM0eEumtDBNVUW48Ppn7y4qvJw"}"#,
    ]

    /// HMAC secrets (exactly the hash output size) by `kid`.
    static let secrets: [String: [UInt8]] = [
        "hs256": Array(repeating: 0x5A, count: 32), "hs384": Array(repeating: 0x5B, count: 48),
        "hs512": Array(repeating: 0x5C, count: 64),
    ]

    /// Every private key, with the algorithm it signs seeds with.
    public static let signing: [(key: JWSKey, algorithm: JWSAlgorithm)] = {
        var keys: [(JWSKey, JWSAlgorithm)] = []
        for (kid, algorithm) in [("hs256", JWSAlgorithm.hs256), ("hs384", .hs384), ("hs512", .hs512)] {
            keys.append((try! JWSKey(hmacSecret: secrets[kid]!, keyID: kid), algorithm))
        }
        for (kid, algorithms) in [
            ("rsa", [JWSAlgorithm.rs256, .ps256]), ("p256", [.es256]), ("p384", [.es384]), ("p521", [.es512]),
            ("ed25519", [.eddsa]),
        ] {
            let key = try! JWSKey(jwkJSON: privateJWKs[kid]!)
            for algorithm in algorithms { keys.append((key, algorithm)) }
        }
        return keys
    }()

    /// The verification keys: the public halves and the HMAC secrets.
    public static let verificationSet: JWKSet = {
        var keys: [JWSKey] = []
        for (key, _) in signing where !keys.contains(where: { $0.keyID == key.keyID }) {
            if case .oct = key.type { keys.append(key) } else { keys.append(try! key.publicKey()) }
        }
        return JWKSet(keys: keys)
    }()
}
