package org.icewarp.core.tls.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every bad field is an {@link InvalidFieldException} whose message starts with the field's name. */
class InvalidFieldsTest {

    private static void rejects(ThrowingCallable call, String field, String text) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ")
                .hasMessageContaining(text);
    }

    @Test
    void countryMustBeTwoLetters() {
        rejects(() -> CertificateSpec.builder().country("CZE"), "country", "'CZE' is not a two-letter country code");
        rejects(() -> CertificateSpec.builder().country("C1"), "country", "two-letter");
        assertThat(CertificateSpec.builder()
                        .commonName("a.example")
                        .country(" cz ")
                        .build()
                        .subject()
                        .country())
                .isEqualTo("CZ");
    }

    @Test
    void validityMustBeAtLeastOneDayAndAtMostAHundredYears() {
        rejects(() -> CertificateSpec.builder().days(0), "days", "0 is not a validity of 1 to 36500 days");
        rejects(() -> CertificateSpec.builder().days(-5), "days", "-5");
        rejects(() -> CertificateSpec.builder().days(36_501), "days", "36501");
    }

    @Test
    void keySizesOutsideTheSeedsListAreRefused() {
        rejects(() -> KeyType.of("RSA", 1000), "bits", "1000 is not a supported RSA key size (2048, 3072 or 4096)");
        rejects(() -> KeyType.of("EC", 521), "bits", "256 (P-256) or 384 (P-384)");
        rejects(() -> KeyType.of("DSA", 2048), "keyType", "'DSA' is not RSA or EC");
    }

    @Test
    void theCommonNameIsRequired() {
        rejects(() -> CertificateSpec.builder().build(), "commonName", "is required");
        rejects(() -> CertificateSpec.builder().commonName("   ").build(), "commonName", "is required");
        rejects(() -> CertificateSpec.builder().commonName("x".repeat(65)), "commonName", "longer than 64");
    }

    @Test
    void otherFieldsAreCheckedToo() {
        rejects(() -> CertificateSpec.builder().email("not-an-address"), "email", "not an e-mail address");
        rejects(() -> CertificateSpec.builder().organization("A\nB"), "organization", "control character");
        rejects(() -> CertificateSpec.builder().unit("u".repeat(65)), "unit", "longer than 64");
        rejects(() -> SubjectAltName.parse("DNS:bad name.example"), "subjectAltName", "is not a DNS name");
        rejects(() -> SubjectAltName.parse("IP:300.1.1.1"), "subjectAltName", "not an IPv4 or IPv6 address");
        rejects(() -> SubjectAltName.parse("URI:https://x"), "subjectAltName", "unknown type 'URI'");
        rejects(() -> SubjectAltName.parse("DNS:a.*.example"), "subjectAltName", "is not a DNS name");
    }

    @Test
    void altNamesAreNormalisedAndTheirTypeGuessedWithoutAPrefix() {
        assertThat(SubjectAltName.parseList("Mail.Example.COM., 192.0.2.1, 2001:DB8::1, a@example.com, ,"))
                .containsExactly(
                        SubjectAltName.dns("mail.example.com"),
                        SubjectAltName.ip("192.0.2.1"),
                        SubjectAltName.ip("2001:db8:0:0:0:0:0:1"),
                        SubjectAltName.email("a@example.com"));
        assertThat(SubjectAltName.parse("dns:bücher.example").value()).isEqualTo("xn--bcher-kva.example");
        assertThat(SubjectAltName.parse("DNS:*.example.com")).hasToString("DNS:*.example.com");
    }
}
