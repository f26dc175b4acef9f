package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.junit.jupiter.api.Test;

/** How a Kerberos principal becomes a login ({@code SaslGlue.principalLogin}). */
class PrincipalLoginTest {
    private static final SaslSettings MAPPED = SaslSettings.builder()
            .gssapi(new SaslSettings.Gssapi("", "*", Path.of("k"), Map.of("CORP.EXAMPLE.NET", "example.com")))
            .build();

    @Test
    void aMappedRealmGivesItsDomain() {
        assertThat(SaslGlue.principalLogin("john@CORP.EXAMPLE.NET", MAPPED)).contains("john@example.com");
    }

    @Test
    void anUnmappedRealmIsItsOwnNameInLowerCase() {
        assertThat(SaslGlue.principalLogin("john@T.COM", MAPPED)).contains("john@t.com");
        assertThat(SaslGlue.principalLogin("john@T.COM", SaslSettings.defaults()))
                .contains("john@t.com");
    }

    @Test
    void anEnterprisePrincipalIsAlreadyAnAddress() {
        assertThat(SaslGlue.principalLogin("john@t.com@CORP.EXAMPLE.NET", MAPPED))
                .contains("john@t.com");
    }

    @Test
    void servicePrincipalsAndPrincipalsWithoutRealmAreRefused() {
        assertThat(SaslGlue.principalLogin("imap/mail.t.com@T.COM", MAPPED)).isEmpty();
        assertThat(SaslGlue.principalLogin("john", MAPPED)).isEmpty();
        assertThat(SaslGlue.principalLogin("john@", MAPPED)).isEmpty();
        assertThat(SaslGlue.principalLogin("@T.COM", MAPPED)).isEmpty();
    }
}
