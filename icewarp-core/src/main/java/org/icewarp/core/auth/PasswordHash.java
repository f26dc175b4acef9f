package org.icewarp.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A salted slow password hash in the PHC string format, which names its own algorithm and parameters so that a
 * stored hash stays verifiable after the configuration changes:
 *
 * <pre>
 * $argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;
 * $pbkdf2-sha256$i=100000$&lt;salt&gt;$&lt;hash&gt;
 * </pre>
 *
 * Salt and hash are base64 without padding (the PHC convention). Salts are 16 bytes, hashes 32.
 */
record PasswordHash(PasswordAlgorithm algorithm, Map<String, Integer> params, byte[] salt, byte[] hash) {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    PasswordHash {
        params = Map.copyOf(params);
    }

    /** Hashes a password with a new salt per the settings. */
    static PasswordHash create(PasswordSettings s, String password, byte[] salt) {
        Map<String, Integer> params = paramsFor(s);
        return new PasswordHash(s.algorithm(), params, salt, derive(s.algorithm(), params, password, salt));
    }

    /** The parameters new hashes get under the settings. */
    static Map<String, Integer> paramsFor(PasswordSettings s) {
        Map<String, Integer> p = new LinkedHashMap<>();
        if (s.algorithm() == PasswordAlgorithm.ARGON2ID) {
            p.put("m", s.argon2MemoryKib());
            p.put("t", s.argon2Iterations());
            p.put("p", s.argon2Parallelism());
        } else {
            p.put("i", s.pbkdf2Iterations());
        }
        return p;
    }

    /** Whether the password matches, compared in constant time. */
    boolean matches(String password) {
        byte[] candidate = derive(algorithm, params, password, salt);
        return MessageDigest.isEqual(candidate, hash);
    }

    /** Whether a hash made under the settings would differ in algorithm or parameters. */
    boolean isOutdated(PasswordSettings s) {
        return algorithm != s.algorithm() || !params.equals(paramsFor(s));
    }

    static byte[] derive(PasswordAlgorithm algorithm, Map<String, Integer> params, String password, byte[] salt) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        try {
            return switch (algorithm) {
                case ARGON2ID -> argon2(params, pw, salt);
                case PBKDF2_SHA256 -> pbkdf2("PBKDF2WithHmacSHA256", password, salt, params.get("i"), HASH_BYTES);
            };
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static byte[] argon2(Map<String, Integer> params, byte[] pw, byte[] salt) {
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.get("m"))
                .withIterations(params.get("t"))
                .withParallelism(params.get("p"))
                .withSalt(salt)
                .build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(p);
        byte[] out = new byte[HASH_BYTES];
        g.generateBytes(pw, out);
        return out;
    }

    /** PBKDF2 through the JDK (which encodes the password as UTF-8). */
    private static byte[] pbkdf2(String jdkAlgorithm, String password, byte[] salt, int iterations, int bytes) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(jdkAlgorithm)
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jdkAlgorithm + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    String encode() {
        StringBuilder sb = new StringBuilder("$").append(algorithm.id()).append('$');
        if (algorithm == PasswordAlgorithm.ARGON2ID) {
            sb.append("v=19$");
        }
        String sep = "";
        for (String k : algorithm == PasswordAlgorithm.ARGON2ID ? new String[] {"m", "t", "p"} : new String[] {"i"}) {
            sb.append(sep).append(k).append('=').append(params.get(k));
            sep = ",";
        }
        return sb.append('$')
                .append(B64.encodeToString(salt))
                .append('$')
                .append(B64.encodeToString(hash))
                .toString();
    }

    /** Parses an encoded hash; empty when it is not one this class writes (a damaged or foreign record). */
    static Optional<PasswordHash> parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        // "", id, [v=19,] params, salt, hash
        try {
            PasswordAlgorithm a = PasswordAlgorithm.parse(parts.length > 1 ? parts[1] : "");
            int i = 2;
            if (a == PasswordAlgorithm.ARGON2ID) {
                if (parts.length != 6 || !parts[0].isEmpty() || !"v=19".equals(parts[2])) {
                    return Optional.empty();
                }
                i = 3;
            } else if (parts.length != 5 || !parts[0].isEmpty()) {
                return Optional.empty();
            }
            Map<String, Integer> params = new LinkedHashMap<>();
            for (String kv : parts[i].split(",")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    return Optional.empty();
                }
                params.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
            }
            boolean complete = a == PasswordAlgorithm.ARGON2ID
                    ? params.keySet().equals(java.util.Set.of("m", "t", "p"))
                            && params.get("m") >= 8 * params.get("p")
                            && params.get("t") >= 1
                            && params.get("p") >= 1
                    : params.keySet().equals(java.util.Set.of("i")) && params.get("i") >= 1;
            if (!complete) {
                return Optional.empty();
            }
            byte[] salt = B64D.decode(parts[i + 1]);
            byte[] hash = B64D.decode(parts[i + 2]);
            if (salt.length < 8 || hash.length < 16) {
                return Optional.empty();
            }
            return Optional.of(new PasswordHash(a, params, salt, hash));
        } catch (IllegalArgumentException e) { // includes NumberFormatException and bad base64
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[" + algorithm.id() + ", " + params + "]";
    }
}
