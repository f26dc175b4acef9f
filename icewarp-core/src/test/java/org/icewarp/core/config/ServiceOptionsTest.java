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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceOptionsTest {
    @TempDir
    Path dir;

    private ServerConfig load(String yaml, Properties props) throws IOException {
        Path f = dir.resolve("icewarp.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.forFile(f)
                .environment(Map.of())
                .systemProperties(props)
                .load();
    }

    @Test
    void protocolOptionsAreReadFromTheFileNestedKeysFlattenedAndListsJoined() throws IOException {
        Properties props = new Properties();
        props.setProperty("icewarp.system.services.smtp.options.max-recipients", "50");
        ServerConfig c = load("""
                system:
                  services:
                    smtp:
                      options:
                        max-line-length: 2000
                        relay:
                          allowed-ips: ["192.0.2.*", "10.0.0.0/8"]
                        max-recipients: 100
                """, props);
        ServiceConfig smtp = c.service("smtp").orElseThrow();
        assertThat(smtp.options())
                .containsEntry("max-line-length", "2000")
                .containsEntry("relay.allowed-ips", "192.0.2.*,10.0.0.0/8")
                .containsEntry("max-recipients", "50");
        ServiceOptions o = smtp.typedOptions();
        assertThat(o.integer("max-line-length", 1000, 512, 100_000)).isEqualTo(2000);
        assertThat(o.list("relay.allowed-ips", List.of())).containsExactly("192.0.2.*", "10.0.0.0/8");
    }

    @Test
    void typedReadersParseEachSyntax() {
        ServiceOptions o = ServiceConfig.builder("smtp")
                .option("size", "10M")
                .option("plain", "2048")
                .option("timeout", "500ms")
                .option("minutes", "5m")
                .option("flag", "TRUE")
                .option("mode", "Reject")
                .build()
                .typedOptions();
        assertThat(o.size("size", 0, 0, Long.MAX_VALUE)).isEqualTo(10L << 20);
        assertThat(o.size("plain", 0, 0, Long.MAX_VALUE)).isEqualTo(2048);
        assertThat(o.duration("timeout", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(o.duration("minutes", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(o.bool("flag", false)).isTrue();
        assertThat(o.choice("mode", "normalise", Set.of("normalise", "reject"))).isEqualTo("reject");
        assertThat(o.integer("absent", 7, 0, 10)).isEqualTo(7);
    }

    @Test
    void badValuesNameTheFullKeyAndTheValue() {
        ServiceOptions o = ServiceConfig.builder("smtp")
                .option("n", "12x")
                .option("size", "5T")
                .option("t", "forever")
                .option("b", "yes")
                .option("c", "maybe")
                .build()
                .typedOptions();
        assertThatThrownBy(() -> o.integer("n", 0, 0, 100)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.key()).isEqualTo("system.services.smtp.options.n");
            assertThat(e.value()).isEqualTo("12x");
        });
        assertThatThrownBy(() -> o.size("size", 0, 0, Long.MAX_VALUE))
                .hasMessageContaining("system.services.smtp.options.size");
        assertThatThrownBy(() -> o.duration("t", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)))
                .hasMessageContaining("system.services.smtp.options.t");
        assertThatThrownBy(() -> o.bool("b", false)).hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> o.choice("c", "x", Set.of("x", "y"))).hasMessageContaining("[x, y]");
    }

    @Test
    void outOfRangeValuesAreRejectedNotClamped() {
        ServiceOptions o = ServiceConfig.builder("smtp")
                .option("n", "5")
                .option("t", "2h")
                .build()
                .typedOptions();
        assertThatThrownBy(() -> o.integer("n", 10, 10, 20)).hasMessageContaining("from 10 to 20");
        assertThatThrownBy(() -> o.duration("t", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void anUnknownOptionIsRejectedWithTheKnownOnesListed() {
        ServiceOptions o =
                ServiceConfig.builder("smtp").option("max-lnie", "5").build().typedOptions();
        assertThatThrownBy(() -> o.rejectUnknown(Set.of("max-line")))
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("system.services.smtp.options.max-lnie"))
                .hasMessageContaining("max-line");
    }

    @Test
    void optionKeysAreChecked() {
        assertThatThrownBy(() -> ServiceConfig.builder("smtp").option("Bad Key", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
