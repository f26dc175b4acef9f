package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line in-process: parsing, help, version, the services listing and configuration errors. */
class IceWarpCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int run(String... args) {
        CommandLine cli = IceWarpCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path config(String yaml) throws IOException {
        Path file = temp.resolve("icewarp.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("start", "services", "tool");
    }

    @ParameterizedTest(name = "icewarp {0} --help and --version")
    @ValueSource(
            strings = {
                "start",
                "services",
                "tool",
                "tool migrate-storage",
                "tool certificate",
                "tool certificate create"
            })
    void everyCommandHasHelpAndVersion(String command) {
        assertThat(run((command + " --help").split(" "))).isZero();
        assertThat(out.toString()).contains("Usage: icewarp " + command);

        assertThat(run((command + " --version").split(" "))).isZero();
        assertThat(out.toString()).contains("icewarp ", "Java ");
    }

    @Test
    void withoutACommandTheUsageGoesToStandardErrorWithExitCodeTwo() {
        assertThat(run()).isEqualTo(2);

        assertThat(err.toString()).contains("Usage: icewarp");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void toolWithoutAToolNamePrintsItsUsageWithExitCodeTwo() {
        assertThat(run("tool")).isEqualTo(2);

        assertThat(err.toString()).contains("Usage: icewarp tool", "migrate-storage", "certificate");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("restart")).isEqualTo(2);

        assertThat(err.toString()).contains("restart");
    }

    @Test
    void servicesListsNameTypeModuleEnabledAndBindings() throws IOException {
        Path file = config("""
                system:
                  services:
                    all: { ip: ["127.0.0.1", "::1"] }
                    daytime:
                      ports: [10013]
                """);

        assertThat(run("services", "--config", file.toString())).isZero();

        assertThat(out.toString())
                .contains("Services configured in " + file)
                .containsPattern("SERVICE +TYPE +MODULE +ENABLED +BINDINGS")
                .containsPattern("daytime +daytime +daytime +yes +127\\.0\\.0\\.1:10013, \\[::1]:10013");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void servicesShowsExplicitBindingsAndDisabledServices() throws IOException {
        Path file = config("""
                system:
                  services:
                    daytime:
                      enabled: false
                      module: clock
                      bindings:
                        - { ip: 192.0.2.10, port: 13 }
                """);

        assertThat(run("services", "-c", file.toString())).isZero();

        assertThat(out.toString()).containsPattern("daytime +daytime +clock +no +192\\.0\\.2\\.10:13");
    }

    @Test
    void servicesListsUnmentionedTypesAtTheirDefaults() throws IOException {
        Path file = config("system:\n  server-id: \"\"\n");

        assertThat(run("services", "-c", file.toString())).isZero();

        assertThat(out.toString()).containsPattern("daytime +daytime +daytime +no \\(default\\) +\\*:13");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "system.services.daytime.logging|logging: loud",
                "system.services.daytime.limits.max-incoming|limits: { max-incoming: -1 }",
                "system.services.daytime.ports|ports: [70000]",
                "system.services.daytime.colour|colour: blue"
            })
    void aBadConfigurationIsReportedByKeyWithExitCodeTwo(String keyAndLine) throws IOException {
        String key = keyAndLine.substring(0, keyAndLine.indexOf('|'));
        String line = keyAndLine.substring(keyAndLine.indexOf('|') + 1);
        Path file = config("system:\n  services:\n    daytime:\n      " + line + "\n");

        assertThat(run("services", "-c", file.toString())).isEqualTo(2);

        assertThat(err.toString())
                .startsWith("icewarp: configuration error: " + key)
                .doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownServiceTypeIsAConfigurationError() throws IOException {
        Path file = config("system:\n  services:\n    gopher:\n      ports: [70]\n");

        assertThat(run("services", "-c", file.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("system.services.gopher.type", "'gopher'", "daytime");
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        Path missing = temp.resolve("nowhere.yaml");

        assertThat(run("services", "-c", missing.toString())).isEqualTo(2);

        assertThat(err.toString()).contains(missing.toString(), "no such file");
    }

    @Test
    void startRejectsABadConfigurationBeforeCreatingAnything() throws IOException {
        Path file = config("system:\n  services:\n    daytime:\n      logging: loud\n");
        Path data = temp.resolve("data");

        assertThat(run("start", "--config", file.toString(), "--data", data.toString()))
                .isEqualTo(2);

        assertThat(err.toString()).contains("system.services.daytime.logging", "'loud'");
        assertThat(data).doesNotExist();
    }
}
