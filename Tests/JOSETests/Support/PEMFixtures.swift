/// Keys in PEM form for the import tests.
enum PEMFixtures {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBlDCCATugAwIBAgIUBTerQnzDhblxx1RNjx0Hch7+0uEwCgYIKoZIzj0EAwIw
        HzEdMBsGA1UEAwwUc3dpZnQtb2F1dGgtand0IHRlc3QwIBcNMjYxMTIzMDA1ODQ4
        WhgPMjEyNjEwMzAwMDU4NDhaMB8xHTAbBgNVBAMMFHN3aWZ0LW9hdXRoLWp3dCB0
        ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYFYEsOHV+naLeOfco56MFTT7
        GbgR6osXtUmjv7PZLn/2GaHC8V44BlP5ak0QNw3QzWTATw5QBRPFa/Fn09lPxKNT
        MFEwHQYDVR0OBBYEFLfxg4RI9xE5m/hDz2h+Aa2byDX/MB8GA1UdIwQYMBaAFLfx
        g4RI9xE5m/hDz2h+Aa2byDX/MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwID
        RwAwRAIgDVeAfuT7JuNMoFQvJthxwKMNgkndJKhbUUNaxm/0sOECIGj4R//WlVuS
        epBh0CzOLGCVKXVFof/JMBupsKSvxVS5
        -----END CERTIFICATE-----
        """

    /// The certificate's private key (PKCS#8).
    static let certificateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSFbXqkRi7D0hcekt
        6AIBwkzYilKWr1IZtuZCVVwH4CmhRANCAARgVgSw4dX6dot459yjnowVNPsZuBHq
        ixe1SaO/s9kuf/YZocLxXjgGU/lqTRA3DdDNZMBPDlAFE8Vr8WfT2U/E
        -----END PRIVATE KEY-----
        """

    static let rsa1024PublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCoPmBnfimeZ2nvoEjUgprELqBk
        GywgCkgQGHrjMwjp4ffqWfmIwZElhFU7rtAVW3zaUgIUlp8J/gQnq4Pdzjs6T4ru
        mJ/IJuOpRRF1YIQ4xfzRosrHLr0Fp+jAuE/SoTCgSt0R+dGt62XxHW1TWe5YvV2x
        xcLAbgvnBGa/0GxTUwIDAQAB
        -----END PUBLIC KEY-----
        """

    static let ed448PublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MEMwBQYDK2VxAzoAJh52Ygj+qFBhr5yk+LZ0gQf+L00VANS/scIG+D82jX6J1bSS
        KRPUVKa4WZTjlgu85plLDrmowyMA
        -----END PUBLIC KEY-----
        """
}
