package org.icewarp.core.tls.create;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;
import java.util.Objects;

/**
 * The key pairs this package creates: RSA of 2048, 3072 or 4096 bits, or elliptic-curve keys on NIST P-256 or P-384.
 * The seed's "Bits" field is {@link #of(String, int)} with algorithm {@code RSA}.
 *
 * <p>Each type fixes the signature algorithm used when the key signs (a self-signed certificate, a CSR, or a
 * certificate issued by a CA with this key): SHA-256 with RSA (PKCS#1 v1.5) for every RSA size, SHA-256 with ECDSA for
 * P-256 and SHA-384 with ECDSA for P-384.
 */
public enum KeyType {
    /** RSA, 2048-bit modulus: the default; accepted everywhere. */
    RSA_2048("RSA", 2048, "SHA256withRSA"),
    /** RSA, 3072-bit modulus. */
    RSA_3072("RSA", 3072, "SHA256withRSA"),
    /** RSA, 4096-bit modulus; slow to generate (seconds). */
    RSA_4096("RSA", 4096, "SHA256withRSA"),
    /** ECDSA on NIST P-256 (secp256r1). */
    EC_P256("EC", 256, "SHA256withECDSA"),
    /** ECDSA on NIST P-384 (secp384r1). */
    EC_P384("EC", 384, "SHA384withECDSA");

    private final String algorithm;
    private final int bits;
    private final String signatureAlgorithm;

    KeyType(String algorithm, int bits, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.bits = bits;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /**
     * Returns the key type for an algorithm and size.
     *
     * @param algorithm {@code RSA} or {@code EC} (case-insensitive); must not be null
     * @param bits 2048, 3072 or 4096 for RSA; 256 or 384 for EC
     * @return the key type; never null
     * @throws InvalidFieldException naming {@code keyType} for an unknown algorithm, or {@code bits} for a size the
     *     algorithm does not offer
     */
    public static KeyType of(String algorithm, int bits) {
        Objects.requireNonNull(algorithm, "algorithm");
        String a = algorithm.toUpperCase(Locale.ROOT);
        if (!a.equals("RSA") && !a.equals("EC")) {
            throw new InvalidFieldException("keyType", "'" + algorithm + "' is not RSA or EC");
        }
        for (KeyType t : values()) {
            if (t.algorithm.equals(a) && t.bits == bits) {
                return t;
            }
        }
        String allowed = a.equals("RSA") ? "2048, 3072 or 4096" : "256 (P-256) or 384 (P-384)";
        throw new InvalidFieldException("bits", bits + " is not a supported " + a + " key size (" + allowed + ")");
    }

    /**
     * Returns the JCA key algorithm name.
     *
     * @return {@code RSA} or {@code EC}
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * Returns the key size: the RSA modulus length or the curve's field size, in bits.
     *
     * @return the size in bits
     */
    public int bits() {
        return bits;
    }

    /**
     * Returns the JCA name of the signature algorithm a key of this type signs with.
     *
     * @return for example {@code SHA256withRSA}
     */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The generator parameters: the public exponent 65537 for RSA, the named curve for EC. */
    AlgorithmParameterSpec parameters() {
        return switch (this) {
            case RSA_2048, RSA_3072, RSA_4096 -> new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4);
            case EC_P256 -> new ECGenParameterSpec("secp256r1");
            case EC_P384 -> new ECGenParameterSpec("secp384r1");
        };
    }
}
