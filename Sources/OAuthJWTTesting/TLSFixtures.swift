/// TLS material for mutual-TLS tests (certificate-bound tokens, RFC 8705), made once with the `openssl` command line
/// (P-256 keys, valid for 100 years): a CA, a server certificate for `127.0.0.1` and `localhost`, and a client
/// certificate (`CN=orders-client`), both issued by the CA. PEM text. The keys are public and protect nothing: never
/// use them outside tests.
public enum TLSFixtures {
    /// The CA certificate, which issued the other two.
    public static let caCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBqzCCAVGgAwIBAgIUZAt9Uh3L/q+7EXxFTkU90neXNYEwCgYIKoZIzj0EAwIw
        IjEgMB4GA1UEAwwXc3dpZnQtb2F1dGgtand0IHRlc3QgQ0EwIBcNMjYxMjA0MTMz
        MTMxWhgPMjEyNjExMTAxMzMxMzFaMCIxIDAeBgNVBAMMF3N3aWZ0LW9hdXRoLWp3
        dCB0ZXN0IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEiJzE9CCCQ201iqxi
        /CZhb6LnAFgfuNg3oTLdGdS3JJdHcf9uKglQEScB+mG5bvIm2u5xcyh/WgOJ8+uC
        HVLR+KNjMGEwHQYDVR0OBBYEFEBpH75psWPIpVaEV5r4RXiOaj+oMB8GA1UdIwQY
        MBaAFEBpH75psWPIpVaEV5r4RXiOaj+oMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0P
        AQH/BAQDAgEGMAoGCCqGSM49BAMCA0gAMEUCIHFychMGga9Pxo2zyWhUUVoETo7Q
        b7kEZn8efX6CuviKAiEA7GQESXJU4ufRIjO3I+8YsMhMO5HIpjyO5mp4K9WfQjs=
        -----END CERTIFICATE-----
        """

    /// The server certificate (`127.0.0.1`, `localhost`).
    public static let serverCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBxjCCAW2gAwIBAgIUGOXrmOmOt7Uu2yCrheI1IkxOk5cwCgYIKoZIzj0EAwIw
        IjEgMB4GA1UEAwwXc3dpZnQtb2F1dGgtand0IHRlc3QgQ0EwIBcNMjYxMjA0MTMz
        MTMxWhgPMjEyNjExMTAxMzMxMzFaMBQxEjAQBgNVBAMMCTEyNy4wLjAuMTBZMBMG
        ByqGSM49AgEGCCqGSM49AwEHA0IABDCi+dFUPCZbuxWIaIeYz/N8nuYtn+gu0kWt
        3K3lhY6vLRFyMA+wHX3TPhZP5lXCt/hJa+iLSGsG/+1MiYoyje6jgYwwgYkwGgYD
        VR0RBBMwEYcEfwAAAYIJbG9jYWxob3N0MAkGA1UdEwQCMAAwEwYDVR0lBAwwCgYI
        KwYBBQUHAwEwCwYDVR0PBAQDAgeAMB0GA1UdDgQWBBQ1TTaagOlQXLfAEYQJacbR
        1fC/7zAfBgNVHSMEGDAWgBRAaR++abFjyKVWhFea+EV4jmo/qDAKBggqhkjOPQQD
        AgNHADBEAiA3XW7lJoJWD9ZhRbGFHr7V5Pxe+Tsfas3OPHz1fD/3ngIgYXIPXLGh
        wpzrRDSC3GyHhsuUW+sRGAPagkoQPXsKYaY=
        -----END CERTIFICATE-----
        """

    /// The server certificate's private key.
    public static let serverKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSHjz7/bfujTytULD
        NN8unRJtxwI11Fhjz+w+VvLjjpGhRANCAAQwovnRVDwmW7sViGiHmM/zfJ7mLZ/o
        LtJFrdyt5YWOry0RcjAPsB190z4WT+ZVwrf4SWvoi0hrBv/tTImKMo3u
        -----END PRIVATE KEY-----
        """

    /// The client certificate (`CN=orders-client`, extended key usage `clientAuth`).
    public static let clientCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBrDCCAVOgAwIBAgIUGOXrmOmOt7Uu2yCrheI1IkxOk5gwCgYIKoZIzj0EAwIw
        IjEgMB4GA1UEAwwXc3dpZnQtb2F1dGgtand0IHRlc3QgQ0EwIBcNMjYxMjA0MTMz
        MTMxWhgPMjEyNjExMTAxMzMxMzFaMBgxFjAUBgNVBAMMDW9yZGVycy1jbGllbnQw
        WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASRYacSQ4TkoeNQwCSEawPmkgAAs1ZE
        peyfk1TvWdGFtegTBdoiw1GzDcZJ5xvkt49hItj9HzF+C8CxblSrGTQCo28wbTAJ
        BgNVHRMEAjAAMBMGA1UdJQQMMAoGCCsGAQUFBwMCMAsGA1UdDwQEAwIHgDAdBgNV
        HQ4EFgQUcqGKZ6aehSWL9z5vNPLGYJfXtH0wHwYDVR0jBBgwFoAUQGkfvmmxY8il
        VoRXmvhFeI5qP6gwCgYIKoZIzj0EAwIDRwAwRAIgcH9br6uwmMbqStSqCA7iKsJS
        VOLDq/fukbjrL2saA4MCIH1z9BKpUWT79GZtr5DZqeGUFHBEHObHec5HqxkX0NMk
        -----END CERTIFICATE-----
        """

    /// The client certificate's private key.
    public static let clientKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgsyU69b7CHJtpYxgM
        QNiR5ZiClms/EqCTAkypMBhN99yhRANCAASRYacSQ4TkoeNQwCSEawPmkgAAs1ZE
        peyfk1TvWdGFtegTBdoiw1GzDcZJ5xvkt49hItj9HzF+C8CxblSrGTQC
        -----END PRIVATE KEY-----
        """

    /// The client certificate's `x5t#S256`, computed with `openssl x509 -outform DER | openssl dgst -sha256`.
    public static let clientThumbprint = "NvWMnmgsYeGc3CagMB1uLygieCpXfXNTLwZCG4hWmMY"
}
