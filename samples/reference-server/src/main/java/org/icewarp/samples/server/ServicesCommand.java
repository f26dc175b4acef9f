package org.icewarp.samples.server;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.service.ServiceFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code icewarp services}: the configured services with module, bindings and whether they are enabled. */
@Command(
        name = "services",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Lists the services the configuration sets up: name, type, module, whether it starts with the server, and"
                    + " the addresses and ports it would listen on. Nothing is bound.",
            "Service types the configuration does not mention are listed at their defaults."
        })
final class ServicesCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, ServiceFactory> types = ServiceTypes.onClassPath();
        List<ConfiguredService> services;
        try {
            services = ConfiguredService.of(config.load(ServiceTypes.enabledByDefault(types)), types);
        } catch (ConfigurationException e) {
            err.println("icewarp: configuration error: " + e.getMessage());
            return IceWarpCommand.EXIT_USAGE;
        }
        out.println("Services configured in " + config.file() + ":");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("SERVICE", "TYPE", "MODULE", "ENABLED", "BINDINGS"));
        for (ConfiguredService s : services) {
            String bindings = s.bindings().isEmpty()
                    ? "(none)"
                    : s.bindings().stream().map(Object::toString).collect(Collectors.joining(", "));
            rows.add(List.of(
                    s.name(),
                    s.type(),
                    s.module(),
                    (s.enabled() ? "yes" : "no") + (s.configured() ? "" : " (default)"),
                    bindings));
        }
        printTable(out, rows);
        out.flush();
        return 0;
    }

    private static void printTable(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row.get(i));
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            out.println(line);
        }
    }
}
