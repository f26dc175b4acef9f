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
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.PasswordAlgorithm;
import org.icewarp.core.auth.PasswordSettings;
import org.icewarp.core.log.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code system.auth} keys. */
class AuthConfigTest {
    @TempDir
    Path dir;

    private ConfigLoader loader(String yaml, Map<String, String> env) throws IOException {
        Path f = dir.resolve("icewarp.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.forFile(f).environment(env).systemProperties(new Properties());
    }

    @Test
    void absentKeysGiveTheDefaults() throws IOException {
        ServerConfig c = loader("system: {}\n", Map.of()).load();
        assertThat(c.auth()).isEqualTo(AuthSettings.defaults());
        assertThat(c.passwords()).isEqualTo(PasswordSettings.defaults());
        assertThat(c.directoryBind().sources()).isEmpty();
    }

    @Test
    void readsEveryAuthKey() throws IOException {
        ServerConfig c = loader("""
                system:
                  auth:
                    logging: debug
                    disable-plain: true
                    plain-without-tls: true
                    login-with-email: false
                    primary-domain: Example.com
                    threads: 3
                    queue: 50
                    login-policy: { account-failures: 4, ip-failures: 40, window: 5m, block: 1h, tracked: 1000 }
                    password:
                      algorithm: pbkdf2-sha256
                      argon2: { memory-kib: 65536, iterations: 3, parallelism: 2 }
                      pbkdf2: { iterations: 200000 }
                      scram: { iterations: 8192 }
                      reversible: { enabled: true }
                    directory:
                      corp: { urls: ["ldaps://dc1.example.com:636", "ldap://dc2.example.com"], timeout: 3s }
                """, Map.of("ICEWARP_SYSTEM_AUTH_PASSWORD_REVERSIBLE_KEY", "AAAAAAAAAAAAAAAAAAAAAA=="))
                .load();
        AuthSettings a = c.auth();
        assertThat(a.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(a.disablePlain()).isTrue();
        assertThat(a.plainWithoutTls()).isTrue();
        assertThat(a.loginWithEmail()).isFalse();
        assertThat(a.primaryDomain()).isEqualTo("example.com");
        assertThat(a.threads()).isEqualTo(3);
        assertThat(a.queue()).isEqualTo(50);
        assertThat(a.maxAccountFailures()).isEqualTo(4);
        assertThat(a.maxIpFailures()).isEqualTo(40);
        assertThat(a.failureWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.blockDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(a.trackedKeys()).isEqualTo(1000);
        PasswordSettings p = c.passwords();
        assertThat(p.algorithm()).isEqualTo(PasswordAlgorithm.PBKDF2_SHA256);
        assertThat(p.argon2MemoryKib()).isEqualTo(65536);
        assertThat(p.argon2Iterations()).isEqualTo(3);
        assertThat(p.argon2Parallelism()).isEqualTo(2);
        assertThat(p.pbkdf2Iterations()).isEqualTo(200_000);
        assertThat(p.scramIterations()).isEqualTo(8192);
        assertThat(p.storeReversible()).isTrue();
        assertThat(p.reversibleKey()).hasSize(16);
        assertThat(c.directoryBind().sources().get("corp").urls())
                .isEqualTo(List.of("ldaps://dc1.example.com:636", "ldap://dc2.example.com"));
        assertThat(c.directoryBind().sources().get("corp").timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void badValuesNameTheirKey() throws IOException {
        assertThatThrownBy(() -> loader("system: { auth: { login-policy: { block: 0 } } }\n", Map.of())
                        .load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.auth.login-policy.block");
        assertThatThrownBy(() -> loader("system: { auth: { password: { algorithm: md5 } } }\n", Map.of())
                        .load())
                .hasMessageContaining("system.auth.password.algorithm");
        assertThatThrownBy(() -> loader("system: { auth: { password: { reversible: { enabled: true } } } }\n", Map.of())
                        .load())
                .hasMessageContaining("system.auth.password.reversible.key");
        assertThatThrownBy(
                        () -> loader("system: { auth: { directory: { corp: { urls: [\"http://x\"] } } } }\n", Map.of())
                                .load())
                .hasMessageContaining("system.auth.directory.corp.urls");
        assertThatThrownBy(() ->
                        loader("system: { auth: { sasl: true } }\n", Map.of()).load())
                .hasMessageContaining("system.auth.sasl");
    }

    @Test
    void theReversibleKeyNeverAppearsInAnError() throws IOException {
        assertThatThrownBy(() -> loader(
                                "system: { auth: { password: { reversible: { enabled: true, key: c2VjcmV0LWtleQ } } } }\n",
                                Map.of())
                        .load())
                .hasMessageContaining("system.auth.password.reversible.key")
                .hasMessageNotContaining("c2VjcmV0LWtleQ");
    }
}
