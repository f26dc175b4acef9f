package org.icewarp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.icewarp.core.access.AccessRule;
import org.icewarp.core.log.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("icewarp.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private ConfigLoader loader(String yaml) throws IOException {
        return ConfigLoader.forFile(write(yaml)).environment(Map.of()).systemProperties(new Properties());
    }

    @Test
    void readsTheTlsPolicyAndTheCertificateList() throws IOException {
        ServerConfig c = loader("""
                system:
                  certificates:
                    default: certs/default.pem
                    ca-directory: ca
                    reload-interval: 250ms
                    server:
                      - { ip: 192.0.2.10, file: certs/mx.pem }
                      - { file: certs/mail.crt, key-file: certs/mail.key }
                  advanced:
                    protocol:
                      tls: { enabled: false, protocols: [TLSv1.3], ciphers: [TLS_AES_128_GCM_SHA256], engine: jdk }
                """).load();
        TlsSettings t = c.tls();
        assertThat(t.enabled()).isFalse();
        assertThat(t.protocols()).containsExactly("TLSv1.3");
        assertThat(t.ciphers()).containsExactly("TLS_AES_128_GCM_SHA256");
        assertThat(t.engine()).isEqualTo(TlsSettings.Engine.JDK);
        assertThat(t.defaultCertificate()).isEqualTo("certs/default.pem");
        assertThat(t.caDirectory()).isEqualTo("ca");
        assertThat(t.reloadInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(t.certificates())
                .containsExactly(
                        CertificateEntry.byAddress("192.0.2.10", "certs/mx.pem"),
                        new CertificateEntry("", "certs/mail.crt", "certs/mail.key"));
        assertThat(ServerConfig.defaults().tls()).isEqualTo(TlsSettings.defaults());
    }

    @Test
    void aBadTlsValueNamesItsKey() throws IOException {
        assertThatThrownBy(() -> loader("""
                        system:
                          advanced:
                            protocol:
                              tls: { engine: gnutls }
                        """).load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.advanced.protocol.tls.engine")
                .hasMessageContaining("gnutls");
        assertThatThrownBy(() -> loader("""
                        system:
                          advanced:
                            protocol:
                              tls: { protocols: [SSLv3] }
                        """).load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.advanced.protocol.tls.protocols")
                .hasMessageContaining("SSLv3");
        assertThatThrownBy(() -> loader("""
                        system:
                          advanced:
                            protocol:
                              tls: { handshake-timeout: 50ms }
                        """).load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.advanced.protocol.tls.handshake-timeout")
                .hasMessageContaining("50ms");
        assertThat(loader("""
                        system:
                          advanced:
                            protocol:
                              tls: { handshake-timeout: 30s }
                        """).load().tls().handshakeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsEverySection() throws IOException {
        ServerConfig c = loader("""
                system:
                  server-id: "2"
                  trusted-ips: "10.0.0.1;[Office]"
                  config: { reload-interval: 500ms }
                  services:
                    all: { ip: ["127.0.0.1", "::1"] }
                    daytime:
                      ports: [10013, 10014]
                      access: { restrict: true, type: grant, addresses: "127.0.0.1;[Office]" }
                      limits: { max-incoming: 5, bandwidth-kbps: 64, alert-connections-multiplier: 2, alert-data-multiplier: 3 }
                      logging: debug
                    daytime-internal:
                      type: daytime
                      module: internal
                      enabled: false
                      bindings:
                        - { ip: 192.0.2.10, port: 13 }
                        - { ip: "2001:db8::1", port: 13, tls: true, certificate: certs/a.pem, require-peer-certificate: true, ca-file: ca.pem }
                  advanced:
                    patterns:
                      Office: ["192.168.1.*", "192.168.2.0/24"]
                """).load();
        assertThat(c.serverId()).isEqualTo("2");
        assertThat(c.reloadInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.allAddresses()).containsExactly("127.0.0.1", "::1");
        assertThat(c.patternDefinitions()).containsEntry("Office", List.of("192.168.1.*", "192.168.2.0/24"));
        ServiceConfig d = c.service("daytime").orElseThrow();
        assertThat(d.enabled()).isTrue();
        assertThat(d.type()).isEqualTo("daytime");
        assertThat(d.ports()).containsExactly(10013, 10014);
        assertThat(d.access()).isEqualTo(new AccessSettings(true, AccessRule.Type.GRANT, "127.0.0.1;[Office]"));
        assertThat(d.limits()).isEqualTo(new Limits(5, 0, 64, 2, 3));
        assertThat(d.logging()).isEqualTo(LogLevel.DEBUG);
        ServiceConfig i = c.service("daytime-internal").orElseThrow();
        assertThat(i.enabled()).isFalse();
        assertThat(i.module()).isEqualTo("internal");
        assertThat(i.bindings())
                .containsExactly(
                        Binding.plain("192.0.2.10", 13),
                        new Binding("2001:db8::1", 13, true, "certs/a.pem", true, "ca.pem"));
        assertThat(c.accessRule("daytime").permits(java.net.InetAddress.getByName("192.168.2.7")))
                .isTrue();
        assertThat(c.accessRule("daytime").permits(java.net.InetAddress.getByName("192.168.3.7")))
                .isFalse();
    }

    @Test
    void storageIsChosenPerStore() throws IOException {
        ServerConfig c = loader("""
                system:
                  storage:
                    accounts: { provider: jdbc, options: { url: "jdbc:h2:./data/db" } }
                    mailboxes: { provider: fs, options: { path: /var/mail, layout: alphabetical } }
                """).load();
        assertThat(c.accounts()).isEqualTo(StoreChoice.of("jdbc", Map.of("url", "jdbc:h2:./data/db")));
        assertThat(c.mailboxes())
                .isEqualTo(StoreChoice.of("fs", Map.of("path", "/var/mail", "layout", "alphabetical")));
        assertThat(c.queue()).isEqualTo(StoreChoice.MEMORY);
        assertThatThrownBy(loader("system:\n  storage:\n    mailboxes: { provider: Bad/Id }\n")::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.storage.mailboxes.provider")
                .hasMessageContaining("Bad/Id");
        assertThatThrownBy(loader("system:\n  storage:\n    mail: { provider: fs }\n")::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.storage.mail.provider")
                .hasMessageContaining("unknown key");
    }

    @Test
    void anEmptyFileIsTheDefaults() throws IOException {
        ServerConfig c = loader("").load();
        assertThat(c).isEqualTo(ServerConfig.defaults());
        assertThat(c.allAddresses()).containsExactly("*");
    }

    @Test
    void aServiceSectionWithoutKeysIsEnabledAtItsDefaults() throws IOException {
        ServiceConfig d = loader("system:\n  services:\n    daytime: {}\n")
                .load()
                .service("daytime")
                .orElseThrow();
        assertThat(d.enabled()).isTrue();
        assertThat(d.ports()).isEmpty();
        assertThat(d.logging()).isEqualTo(LogLevel.SUMMARY);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            system.services.daytime.limits.max-incoming | -1          | limits: { max-incoming: -1 }
            system.services.daytime.limits.bandwidth-kbps | fast      | limits: { bandwidth-kbps: fast }
            system.services.daytime.logging             | loud        | 'logging: loud'
            system.services.daytime.ports               | 70000       | 'ports: [70000]'
            system.services.daytime.ports               | http        | 'ports: [http]'
            system.services.daytime.enabled             | maybe       | 'enabled: maybe'
            system.services.daytime.access.type         | allow       | access: { restrict: true, type: allow }
            system.services.daytime.access.addresses    | 300.1.1.1   | access: { restrict: true, addresses: "127.0.0.1;300.1.1.1" }
            system.services.daytime.access.addresses    | [Nowhere]   | access: { restrict: true, addresses: "[Nowhere]" }
            system.services.daytime.bindings[0].ip      | 999.0.0.1   | 'bindings: [ { ip: 999.0.0.1, port: 13 } ]'
            system.services.daytime.bindings[0].ip      | mail.example.com | 'bindings: [ { ip: mail.example.com, port: 13 } ]'
            system.services.daytime.bindings[0].port    |             | 'bindings: [ { ip: 127.0.0.1 } ]'
            system.services.daytime.limts               |             | 'limts: { max-incoming: 1 }'
            """)
    void aBadValueIsRejectedNamingTheKeyAndTheValue(String key, String value, String line) throws IOException {
        ConfigLoader l = loader("system:\n  services:\n    daytime:\n      " + line + "\n");
        assertThatThrownBy(l::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(key)
                .satisfies(e -> {
                    if (value != null) {
                        assertThat(e.getMessage()).contains(value);
                    }
                });
    }

    @Test
    void aPatternCycleIsRejectedNamingThePatterns() throws IOException {
        ConfigLoader l = loader("""
                system:
                  advanced:
                    patterns:
                      A: ["[B]"]
                      B: ["[A]"]
                """);
        assertThatThrownBy(l::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.advanced.patterns")
                .hasMessageContaining("A")
                .hasMessageContaining("B");
    }

    @Test
    void invalidYamlNamesTheFile() throws IOException {
        ConfigLoader l = loader("system:\n  services: [unclosed\n");
        assertThatThrownBy(l::load).isInstanceOf(ConfigurationException.class).hasMessageContaining("icewarp.yaml");
    }

    @Test
    void aMissingFileNamesTheFile() {
        ConfigLoader l = ConfigLoader.forFile(dir.resolve("missing.yaml"));
        assertThatThrownBy(l::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("missing.yaml")
                .hasMessageContaining("no such file");
    }

    @Test
    void environmentAndSystemPropertiesOverrideTheFile() throws IOException {
        Path f = write("system:\n  services:\n    daytime:\n      ports: [13]\n      logging: none\n");
        Properties props = new Properties();
        props.setProperty("icewarp.system.services.daytime.logging", "extended");
        ServerConfig c = ConfigLoader.forFile(f)
                .environment(Map.of(
                        "ICEWARP_SYSTEM_SERVICES_DAYTIME_PORTS", "10013,10014",
                        "ICEWARP_SYSTEM_SERVICES_DAYTIME_LOGGING", "debug",
                        "ICEWARP_SYSTEM_SERVICES_DAYTIME_LIMITS_MAX_INCOMING", "7"))
                .systemProperties(props)
                .load();
        ServiceConfig d = c.service("daytime").orElseThrow();
        assertThat(d.ports()).containsExactly(10013, 10014);
        assertThat(d.logging()).as("a system property beats the environment").isEqualTo(LogLevel.EXTENDED);
        assertThat(d.limits().maxIncoming()).isEqualTo(7);
    }

    @Test
    void anOverrideCanConfigureAKnownServiceTheFileDoesNotMention() throws IOException {
        Path f = write("");
        ServerConfig c = ConfigLoader.forFile(f)
                .environment(Map.of("ICEWARP_SYSTEM_SERVICES_DAYTIME_PORTS", "0"))
                .systemProperties(new Properties())
                .knownServices(Map.of("daytime", false))
                .load();
        assertThat(c.service("daytime").orElseThrow().ports()).containsExactly(0);
        assertThat(c.service("daytime").orElseThrow().enabled())
                .as("an override of another key does not switch on a service that is off by default")
                .isFalse();
        ServerConfig on = ConfigLoader.forFile(f)
                .environment(Map.of("ICEWARP_SYSTEM_SERVICES_DAYTIME_ENABLED", "true"))
                .systemProperties(new Properties())
                .knownServices(Map.of("daytime", false))
                .load();
        assertThat(on.service("daytime").orElseThrow().enabled()).isTrue();
        ServerConfig onByDefault = ConfigLoader.forFile(f)
                .environment(Map.of("ICEWARP_SYSTEM_SERVICES_SMTP_PORTS", "2525"))
                .systemProperties(new Properties())
                .knownServices(Map.of("smtp", true))
                .load();
        assertThat(onByDefault.service("smtp").orElseThrow().enabled()).isTrue();
    }

    @Test
    void valuesThatOnlyTheModelRejectsStillNameTheKey() throws IOException {
        assertThatThrownBy(loader("system:\n  services:\n    daytime: { ports: [25, 25] }\n")::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.services.daytime")
                .hasMessageContaining("twice");
        assertThatThrownBy(loader("system:\n  config: { reload-interval: 99999999999999999h }\n")::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.config.reload-interval");
        assertThatThrownBy(loader("system:\n  services:\n    daytime:\n      bindings: [ { ip: 127.0.0.1, port: 13,"
                        + " require-peer-certificate: true } ]\n")::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.services.daytime.bindings[0].require-peer-certificate");
    }

    @Test
    void aBadOverrideNamesTheKey() throws IOException {
        ConfigLoader l = ConfigLoader.forFile(write("system:\n  services:\n    daytime: {}\n"))
                .environment(Map.of("ICEWARP_SYSTEM_SERVICES_DAYTIME_LIMITS_MAX_INCOMING", "many"))
                .systemProperties(new Properties());
        assertThatThrownBy(l::load)
                .hasMessageContaining("system.services.daytime.limits.max-incoming")
                .hasMessageContaining("many");
    }

    @Test
    void theBuilderRejectsBadValuesNamingTheOption() {
        assertThatThrownBy(() -> ServiceConfig.builder("Bad Name")).hasMessageContaining("Bad Name");
        assertThatThrownBy(() -> new Limits(-1, 0, 0, 0, 0)).hasMessageContaining("max-incoming");
        assertThatThrownBy(() -> Binding.plain("localhost", 13)).hasMessageContaining("localhost");
        assertThatThrownBy(() -> Binding.plain("127.0.0.1", 65536)).hasMessageContaining("65536");
        assertThatThrownBy(() -> ServerConfig.builder().serverId("no/slash")).hasMessageContaining("serverId");
        assertThatThrownBy(() -> ServerConfig.builder()
                        .service(ServiceConfig.builder("daytime")
                                .access(AccessSettings.deny("1.2.3"))
                                .build())
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.services.daytime.access.addresses")
                .hasMessageContaining("1.2.3");
    }
}
