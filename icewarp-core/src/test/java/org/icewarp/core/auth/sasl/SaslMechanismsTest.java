package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which mechanisms a connection is offered and may use. */
class SaslMechanismsTest {
    private final SaslMechanisms mechanisms = SaslMechanisms.load(SaslMechanismsTest.class.getClassLoader());

    private List<String> advertised(SaslSettings settings, boolean tls) {
        return mechanisms.advertised(settings, tls).stream()
                .map(SaslMechanism::name)
                .toList();
    }

    @Test
    void serviceLoaderFindsEveryStockMechanismStrongestFirst() {
        assertThat(mechanisms.installed())
                .containsExactly(
                        "GSSAPI",
                        "SCRAM-SHA-256",
                        "SCRAM-SHA-1",
                        "OAUTHBEARER",
                        "XOAUTH2",
                        "DIGEST-MD5",
                        "CRAM-MD5",
                        "NTLM",
                        "PLAIN",
                        "LOGIN");
    }

    @Test
    void defaultsOfferScramAndTheClearTextMechanisms() {
        assertThat(advertised(SaslSettings.defaults(), false))
                .containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "LOGIN");
    }

    @Test
    void disablePlainRemovesPlainAndLoginEvenWhenTickedAndEvenOverTls() {
        SaslSettings settings = SaslSettings.builder().disablePlain(true).build();
        assertThat(advertised(settings, true)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1");
        assertThat(mechanisms.find("plain", settings, true)).isEmpty();
        assertThat(mechanisms.find("LOGIN", settings, true)).isEmpty();
    }

    @Test
    void plaintextRequiresTlsOffersClearTextOnlyOverTls() {
        SaslSettings settings =
                SaslSettings.builder().plaintextRequiresTls(true).build();
        assertThat(advertised(settings, false)).doesNotContain("PLAIN", "LOGIN");
        assertThat(advertised(settings, true)).contains("PLAIN", "LOGIN");
    }

    @Test
    void challengeResponseMechanismsNeedReversiblePasswords() {
        SaslSettings ticked = SaslSettings.builder()
                .enable("cram-md5")
                .enable("DIGEST-MD5")
                .enable("NTLM")
                .build();
        assertThat(advertised(ticked, true)).doesNotContain("CRAM-MD5", "DIGEST-MD5", "NTLM");
        SaslSettings reversible = SaslSettings.builder()
                .enable("CRAM-MD5")
                .enable("DIGEST-MD5")
                .enable("NTLM")
                .reversiblePasswords(true)
                .build();
        assertThat(advertised(reversible, true)).contains("CRAM-MD5", "DIGEST-MD5", "NTLM");
    }

    @Test
    void gssapiNeedsKerberosSettings() {
        SaslSettings ticked = SaslSettings.builder().enable("GSSAPI").build();
        assertThat(mechanisms.find("GSSAPI", ticked, false)).isEmpty();
        SaslSettings configured = SaslSettings.builder()
                .enable("GSSAPI")
                .gssapi(new SaslSettings.Gssapi("", "*", Path.of("server.keytab")))
                .build();
        assertThat(mechanisms.find("gssapi", configured, false)).isPresent();
    }

    @Test
    void untickedOrUnknownMechanismsAreNeitherOfferedNorAccepted() {
        SaslSettings settings = SaslSettings.builder().disable("LOGIN").build();
        assertThat(mechanisms.find("LOGIN", settings, true)).isEmpty();
        assertThat(mechanisms.find("X-UNKNOWN", settings, true)).isEmpty();
    }

    @Test
    void settingsValidateAtOnceNamingTheOption() {
        assertThatThrownBy(() -> SaslSettings.builder().maxMessageSize(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-message-size");
        assertThatThrownBy(() -> SaslSettings.builder().enable(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mechanism");
        assertThatThrownBy(() -> new SaslSettings.Gssapi("", " ", Path.of("k")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gssapi.principal");
    }

    @Test
    void aDuplicateNameKeepsTheFirstProvider() {
        SaslMechanism first =
                mechanisms.advertised(SaslSettings.defaults(), true).get(0);
        SaslMechanisms dup = SaslMechanisms.of(List.of(first, new SaslMechanism() {
            @Override
            public String name() {
                return first.name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public boolean plaintextEquivalent() {
                return true;
            }

            @Override
            public SaslExchange newExchange(SaslContext context) {
                throw new UnsupportedOperationException();
            }
        }));
        assertThat(dup.find(first.name(), SaslSettings.defaults(), true)).containsSame(first);
    }
}
