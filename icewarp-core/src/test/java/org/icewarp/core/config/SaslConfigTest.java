package org.icewarp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code system.advanced.sasl} keys. */
class SaslConfigTest {
    @TempDir
    Path dir;

    private ServerConfig load(String yaml) throws IOException {
        return load(yaml, Map.of());
    }

    private ServerConfig load(String yaml, Map<String, String> env) throws IOException {
        Path f = dir.resolve("icewarp.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.forFile(f)
                .environment(env)
                .systemProperties(new Properties())
                .load();
    }

    @Test
    void absentKeysGiveTheDefaults() throws IOException {
        assertThat(load("system: {}\n").sasl()).isEqualTo(SaslSettings.defaults());
    }

    @Test
    void readsEverySaslKey() throws IOException {
        SaslSettings s = load("""
                        system:
                          advanced:
                            sasl:
                              enabled: [SCRAM-SHA-256, gssapi, OAUTHBEARER, xoauth2]
                              max-message-size: 65536
                              gssapi:
                                keytab: /etc/icewarp/mail.keytab
                                principal: imap/mail.example.com@EXAMPLE.COM
                                service-name: imap
                                realms:
                                  EXAMPLE.COM: example.com
                                  CORP.EXAMPLE.NET: Example.org
                              oauth:
                                verifier: jwt
                                issuer: https://idp.example.com
                                audience: mail
                                key-file: /etc/icewarp/idp.pem
                                claim: preferred_username
                                clock-skew: 30s
                        """).sasl();
        assertThat(s.enabled()).containsExactlyInAnyOrder("SCRAM-SHA-256", "GSSAPI", "OAUTHBEARER", "XOAUTH2");
        assertThat(s.maxMessageSize()).isEqualTo(65536);
        assertThat(s.gssapi())
                .contains(new SaslSettings.Gssapi(
                        "imap",
                        "imap/mail.example.com@EXAMPLE.COM",
                        Path.of("/etc/icewarp/mail.keytab"),
                        Map.of("EXAMPLE.COM", "example.com", "CORP.EXAMPLE.NET", "example.org")));
        assertThat(s.gssapi().orElseThrow().domainOf("corp.example.net")).isEqualTo("example.org");
        assertThat(s.gssapi().orElseThrow().domainOf("OTHER.ORG")).isEqualTo("other.org");
        assertThat(s.oauth())
                .contains(new SaslSettings.OAuth(
                        "jwt",
                        "https://idp.example.com",
                        "mail",
                        Optional.of(Path.of("/etc/icewarp/idp.pem")),
                        "preferred_username",
                        Duration.ofSeconds(30)));
    }

    @Test
    void gssapiAndOauthDefaults() throws IOException {
        SaslSettings s = load("""
                        system:
                          advanced:
                            sasl:
                              gssapi: { keytab: k.keytab }
                              oauth: { verifier: introspection }
                        """).sasl();
        assertThat(s.gssapi()).contains(new SaslSettings.Gssapi("", "*", Path.of("k.keytab"), Map.of()));
        assertThat(s.oauth()).contains(SaslSettings.OAuth.verifier("introspection"));
        assertThat(s.oauth().orElseThrow().claim()).isEqualTo("email");
        assertThat(s.oauth().orElseThrow().clockSkew()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anEnvironmentVariableOverridesTheMechanismList() throws IOException {
        SaslSettings s = load("system: {}\n", Map.of("ICEWARP_SYSTEM_ADVANCED_SASL_ENABLED", "PLAIN, CRAM-MD5"))
                .sasl();
        assertThat(s.enabled()).containsExactlyInAnyOrder("PLAIN", "CRAM-MD5");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            system.advanced.sasl.enabled            | 'enabled: [PLAIN, \"NOT A NAME\"]'       | NOT A NAME
            system.advanced.sasl.max-message-size   | 'max-message-size: 100'                   | 100
            system.advanced.sasl.max-message-size   | 'max-message-size: lots'                  | lots
            system.advanced.sasl.gssapi.keytab      | 'gssapi: { principal: imap/x@X.COM }'     |
            system.advanced.sasl.gssapi.principal   | 'gssapi: { keytab: k, principal: \" \" }' |
            system.advanced.sasl.gssapi.service-name | 'gssapi: { keytab: k, service-name: IMAP! }' | IMAP!
            system.advanced.sasl.gssapi.realms.EXAMPLE.COM | 'gssapi: { keytab: k, realms: { EXAMPLE.COM: \"not a domain!\" } }' | not a domain!
            system.advanced.sasl.oauth.verifier     | 'oauth: { issuer: https://idp }'          |
            system.advanced.sasl.oauth.verifier     | 'oauth: { verifier: \"Bad Id\" }'         | Bad Id
            system.advanced.sasl.oauth.key-file     | 'oauth: { verifier: jwt, issuer: i, audience: a }' |
            system.advanced.sasl.oauth.issuer       | 'oauth: { verifier: jwt, audience: a, key-file: k.pem }' |
            system.advanced.sasl.oauth.audience     | 'oauth: { verifier: jwt, issuer: i, key-file: k.pem }' |
            system.advanced.sasl.oauth.claim        | 'oauth: { verifier: x, claim: \" \" }'    |
            system.advanced.sasl.oauth.clock-skew   | 'oauth: { verifier: x, clock-skew: 2h }'  | 2h
            system.advanced.sasl.oauth.clock-skew   | 'oauth: { verifier: x, clock-skew: soon }' | soon
            system.advanced.sasl.oauth.scope        | 'oauth: { verifier: x, scope: mail }'     |
            """)
    void aBadValueIsRejectedNamingTheKeyAndTheValue(String key, String yaml, String value) {
        String file = "system:\n  advanced:\n    sasl:\n      " + yaml + "\n";
        assertThatThrownBy(() -> load(file)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            if (value != null) {
                assertThat(e.getMessage()).contains(value);
            }
        });
    }
}
