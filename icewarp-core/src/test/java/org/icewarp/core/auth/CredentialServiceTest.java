package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.icewarp.storage.Account;
import org.icewarp.storage.Credential;
import org.junit.jupiter.api.Test;

/** Password records: formats, round trips, rehash, SCRAM keys, the reversible secret. */
class CredentialServiceTest {
    private final CredentialService service = CredentialService.create(Fixtures.fast());

    private static String value(Account a, String scheme) {
        return a.credentials().stream()
                .filter(c -> c.scheme().equals(scheme))
                .findFirst()
                .orElseThrow()
                .value();
    }

    @Test
    void argon2idRecordIsAPhcStringThatVerifies() {
        Account a = service.withPassword(Account.of("b@t.com"), "s3cret");
        String phc = value(a, CredentialService.PASSWORD);
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(service.verify(a, "s3cret").matches()).isTrue();
        assertThat(service.verify(a, "s3cret!").matches()).isFalse();
        assertThat(PasswordHash.parse(phc).orElseThrow().encode()).isEqualTo(phc);
    }

    @Test
    void pbkdf2RecordRoundTripsAndVerifies() {
        CredentialService pbkdf2 = CredentialService.create(Fixtures.fast().toBuilder()
                .algorithm(PasswordAlgorithm.PBKDF2_SHA256)
                .pbkdf2Iterations(1000)
                .build());
        Account a = pbkdf2.withPassword(Account.of("b@t.com"), "pässwörd");
        String phc = value(a, CredentialService.PASSWORD);
        assertThat(phc).matches("\\$pbkdf2-sha256\\$i=1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(PasswordHash.parse(phc).orElseThrow().encode()).isEqualTo(phc);
        assertThat(pbkdf2.verify(a, "pässwörd").matches()).isTrue();
        assertThat(pbkdf2.verify(a, "passwort").matches()).isFalse();
    }

    @Test
    void aHashStaysVerifiableAfterTheAlgorithmChangesAndIsUpgradedOnSuccess() {
        Account old = service.withPassword(Account.of("b@t.com"), "pw");
        CredentialService changed = CredentialService.create(Fixtures.fast().toBuilder()
                .algorithm(PasswordAlgorithm.PBKDF2_SHA256)
                .pbkdf2Iterations(1000)
                .build());
        assertThat(changed.verify(old, "wrong").upgraded()).isEmpty();
        CredentialService.Verification v = changed.verify(old, "pw");
        assertThat(v.matches()).isTrue();
        Account upgraded = v.upgraded().orElseThrow();
        assertThat(value(upgraded, CredentialService.PASSWORD)).startsWith("$pbkdf2-sha256$i=1000$");
        assertThat(changed.verify(upgraded, "pw").upgraded()).isEmpty();
    }

    @Test
    void changedArgon2ParametersAskForARehashButUnchangedOnesDoNot() {
        Account a = service.withPassword(Account.of("b@t.com"), "pw");
        assertThat(service.verify(a, "pw").upgraded()).isEmpty();
        CredentialService stronger = CredentialService.create(
                Fixtures.fast().toBuilder().argon2MemoryKib(128).build());
        Account upgraded = stronger.verify(a, "pw").upgraded().orElseThrow();
        assertThat(value(upgraded, CredentialService.PASSWORD)).startsWith("$argon2id$v=19$m=128,t=1,p=1$");
    }

    @Test
    void otherRecordsSurviveASetPassword() {
        Account dir = Account.of("b@t.com")
                .withCredentials(List.of(new Credential(CredentialService.DIRECTORY_LOGIN, "CN=B,DC=t,DC=com")));
        Account a = service.withPassword(service.withPassword(dir, "one"), "two");
        assertThat(a.credentials())
                .extracting(Credential::scheme)
                .containsExactlyInAnyOrder(
                        CredentialService.DIRECTORY_LOGIN,
                        CredentialService.PASSWORD,
                        CredentialService.SCRAM_SHA_1,
                        CredentialService.SCRAM_SHA_256);
        assertThat(service.verify(a, "two").matches()).isTrue();
        assertThat(service.verify(a, "one").matches()).isFalse();
    }

    @Test
    void damagedOrMissingRecordsNeverMatch() {
        Account none = Account.of("b@t.com");
        assertThat(service.verify(none, "").matches()).isFalse();
        for (String bad : List.of(
                "",
                "$argon2id$",
                "$argon2id$v=19$m=64,t=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$md5$x$y",
                "$pbkdf2-sha256$i=x$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "plain")) {
            Account a = none.withCredentials(List.of(new Credential(CredentialService.PASSWORD, bad)));
            assertThat(service.verify(a, "").matches()).as(bad).isFalse();
        }
    }

    /**
     * RFC 5802 §5's example (user "user", password "pencil"): the stored keys derived here reproduce the exchange's
     * client proof and server signature.
     */
    @Test
    void scramSha1KeysReproduceTheRfc5802Example() throws Exception {
        Base64.Decoder d = Base64.getDecoder();
        ScramKeys k = Scram.derive(Scram.SHA_1, "pencil", d.decode("QSXCR+Q6sek8bf92"), 4096)
                .orElseThrow();
        String authMessage = "n=user,r=fyko+d2lbbFgONRv9qkxdawL,"
                + "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096,"
                + "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";
        assertThat(hmac("HmacSHA1", k.serverKey(), authMessage)).isEqualTo(d.decode("rmF9pqV8S7suAoZWja4dJRkFsKQ="));
        byte[] proof = d.decode("v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        byte[] signature = hmac("HmacSHA1", k.storedKey(), authMessage);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        assertThat(MessageDigest.getInstance("SHA-1").digest(clientKey)).isEqualTo(k.storedKey());
    }

    /** RFC 7677 §3's example (password "pencil") for SCRAM-SHA-256. */
    @Test
    void scramSha256KeysReproduceTheRfc7677Example() throws Exception {
        Base64.Decoder d = Base64.getDecoder();
        ScramKeys k = Scram.derive(Scram.SHA_256, "pencil", d.decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096)
                .orElseThrow();
        String authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
                + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        assertThat(hmac("HmacSHA256", k.serverKey(), authMessage))
                .isEqualTo(d.decode("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    @Test
    void scramRecordsRoundTripThroughStoredCredentials() {
        Account a = service.withPassword(Account.of("b@t.com"), "pencil");
        assertThat(value(a, CredentialService.SCRAM_SHA_256))
                .matches("16:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+");
        ScramKeys k = service.stored(a).scram("SCRAM-SHA-256").orElseThrow();
        assertThat(k)
                .isEqualTo(Scram.derive(Scram.SHA_256, "pencil", k.salt(), 16).orElseThrow());
        assertThat(service.stored(a).scram("scram-sha-1")).isPresent();
        assertThat(k.toString()).doesNotContain(Base64.getEncoder().encodeToString(k.storedKey()));
    }

    @Test
    void reversibleSecretIsStoredOnlyWhenAskedAndDecryptsOnlyUnderItsKey() {
        final String secret = "Tr0ub4dor&3-reversible-passphrase";
        assertThat(service.stored(service.withPassword(Account.of("b@t.com"), secret))
                        .reversibleSecret())
                .isEmpty();
        byte[] key = new byte[32];
        key[0] = 1;
        CredentialService rev = CredentialService.create(Fixtures.fast().toBuilder()
                .storeReversible(true)
                .reversibleKey(key)
                .build());
        Account a = rev.withPassword(Account.of("b@t.com"), secret);
        String record = value(a, CredentialService.REVERSIBLE);
        // a long secret, so that random ciphertext cannot contain it by chance (a two-letter one once did)
        assertThat(record)
                .startsWith("$aes-gcm$k=")
                .doesNotContain(secret)
                .doesNotContain(java.util.Base64.getEncoder()
                        .withoutPadding()
                        .encodeToString(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(rev.stored(a).reversibleSecret()).contains(secret);

        byte[] other = key.clone();
        other[1] = 1;
        CredentialService otherKey = CredentialService.create(Fixtures.fast().toBuilder()
                .storeReversible(true)
                .reversibleKey(other)
                .build());
        assertThat(otherKey.stored(a).reversibleSecret()).isEmpty();
        // a record moved to another account does not decrypt (the address is associated data)
        Account moved = Account.of("c@t.com").withCredentials(a.credentials());
        assertThat(rev.stored(moved).reversibleSecret()).isEmpty();
        // switching the option off drops the record at the next successful login
        Account cleaned = service.verify(a, secret).upgraded().orElseThrow();
        assertThat(cleaned.credentials()).extracting(Credential::scheme).doesNotContain(CredentialService.REVERSIBLE);
    }

    @Test
    void reversibleWithoutKeyIsRejectedAtBuild() {
        assertThatThrownBy(
                        () -> PasswordSettings.builder().storeReversible(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reversibleKey");
        assertThatThrownBy(() -> PasswordSettings.builder().argon2MemoryKib(4)).hasMessageContaining("argon2MemoryKib");
    }

    @Test
    void recordsNeverShowTheirValueInToString() {
        Account a = service.withPassword(Account.of("b@t.com"), "hunter2-long-password");
        assertThat(a.toString()).doesNotContain("argon2id");
        assertThat(Evidence.password("hunter2").toString()).doesNotContain("hunter2");
        assertThat(Fixtures.plain("192.0.2.1", "1", "b", "hunter2").toString()).doesNotContain("hunter2");
        assertThat(Optional.of(service.stored(a)).toString()).doesNotContain("hunter2-long-password");
    }

    private static byte[] hmac(String alg, byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(key, alg));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
