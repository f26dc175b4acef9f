package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.icewarp.storage.LocalPartPolicy;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.StorageUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcSettingsTest {
    private static JdbcSettings parse(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return JdbcSettings.parse(StorageSettings.of(Options.of(m)));
    }

    @Test
    void aPathAloneMeansEmbeddedH2BelowIt() {
        JdbcSettings s = parse("path", "/var/icewarp/db");
        assertThat(s.url()).startsWith("jdbc:h2:file:/var/icewarp/db/icewarp");
        assertThat(s.dialect()).isInstanceOf(H2Dialect.class);
        assertThat(s.pool().maximumSize()).isEqualTo(10);
        assertThat(s.localPartPolicy()).isEqualTo(LocalPartPolicy.CASE_INSENSITIVE);
        assertThat(s.chunkSize()).isEqualTo(256 * 1024);
    }

    @Test
    void theEngineComesFromTheUrl() {
        assertThat(parse("url", "jdbc:postgresql://db/mail").dialect()).isInstanceOf(PostgresDialect.class);
        assertThat(parse("url", "jdbc:mariadb://db/mail").dialect()).isInstanceOf(MariaDbDialect.class);
        assertThat(parse("url", "jdbc:mysql://db/mail").dialect()).isInstanceOf(MariaDbDialect.class);
        assertThatThrownBy(() -> parse("url", "jdbc:oracle:thin:@db:1521/mail"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option url");
    }

    @ParameterizedTest
    @CsvSource({
        "paht, /x, 'paht'",
        "pool.maximum-size, 0, pool.maximum-size",
        "pool.maximum-size, ten, pool.maximum-size",
        "pool.minimum-idle, 11, pool.minimum-idle",
        "pool.connection-timeout, 100, pool.connection-timeout",
        "pool.idle-timeout, 5, pool.idle-timeout",
        "pool.max-lifetime, 1000, pool.max-lifetime",
        "notify.poll-interval, 0, notify.poll-interval",
        "lookup-cache.ttl, -1, lookup-cache.ttl",
        "lookup-cache.size, -1, lookup-cache.size",
        "chunk-size, 2000000, chunk-size",
        "local-part-policy, sometimes, local-part-policy",
        "group-commit.max-wait, 10, group-commit.max-wait",
        "socket-timeout, 500, socket-timeout",
        "socket-timeout, 20000, socket-timeout",
        "lock-timeout, 10, lock-timeout",
        "lock-retries, 11, lock-retries",
        "tcp-keepalive, maybe, tcp-keepalive",
        "idle-in-transaction-timeout, 5, idle-in-transaction-timeout"
    })
    void aBadOptionIsRejectedByName(String key, String value, String named) {
        assertThatThrownBy(() -> parse("path", "/tmp/x", key, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @Test
    void urlOrPathIsRequiredButNotBoth() {
        assertThatThrownBy(() -> parse()).hasMessageContaining("url or path");
        assertThatThrownBy(() -> parse("url", "jdbc:h2:mem:x", "path", "/tmp/x"))
                .hasMessageContaining("url and path");
        assertThatThrownBy(() -> parse("url", " ")).hasMessageContaining("url");
    }

    @Test
    void passwordsNeverShow() {
        assertThat(JdbcSettings.redact("jdbc:postgresql://db/mail?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/mail?user=u&password=***&ssl=true");
        assertThat(JdbcSettings.redact("jdbc:mariadb://u:s3cret@db/mail")).isEqualTo("jdbc:mariadb://u:***@db/mail");
        assertThat(JdbcSettings.redact("jdbc:mariadb://u:s3/cr@et@db/mail?ssl=true"))
                .isEqualTo("jdbc:mariadb://u:***@db/mail?ssl=true");
        assertThat(JdbcSettings.redact("jdbc:postgresql://u:a@b/c@db:5432/mail"))
                .isEqualTo("jdbc:postgresql://u:***@db:5432/mail");
        assertThat(parse("url", "jdbc:h2:mem:x;PASSWORD=s3cret", "password", "s3cret")
                        .toString())
                .doesNotContain("s3cret");
    }

    @Test
    void aDatabaseThatIsDownAtStartIsNamedWithoutItsPassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/mail?user=icewarp&password=s3cret";
        StorageSettings settings = StorageSettings.of(Options.of(Map.of("url", url, "pool.connection-timeout", "500")));
        assertThatThrownBy(() -> new JdbcStorageProvider().openMailboxes(settings))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port + "/mail")
                .message()
                .doesNotContain("s3cret");
    }
}
