package org.icewarp.samples.server;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.AlreadyExistsException;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.Options;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code icewarp tool create domain NAME [--alias A ...]}: the seed's {@code tool create domain [domain_name]}. Creates
 * a local domain, with aliases, in the configured account store ({@code system.storage.accounts}).
 *
 * <p>Exit codes as {@link StoreTool}: 0 created; 1 the store failed or another process holds it; 2 a usage or
 * configuration error, or an invalid name (named); 3 the name or an alias is already a domain or a domain alias.
 */
@Command(
        name = "domain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Creates a domain in the configured account store (system.storage.accounts).",
            "Example: icewarp tool create domain example.com --alias example.org",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:created",
            "1:the store failed, or another process (the running server) holds it",
            "2:usage or configuration error, an invalid name",
            "3:the domain or an alias already exists"
        })
final class CreateDomainCommand extends StoreTool {

    @Parameters(index = "0", paramLabel = "NAME", description = "The domain name, for example example.com.")
    private String name;

    @Option(
            names = "--alias",
            paramLabel = "A",
            split = ",",
            description = "Another name of the same domain (repeatable, or comma-separated).")
    private List<String> aliases = new ArrayList<>();

    @Override
    String name() {
        return "create domain";
    }

    @Override
    void run(ServerConfig config, PrintWriter out, PrintWriter err) {
        Domain domain = domain();
        try (ConfiguredStores stores = ConfiguredStores.open(config, this.config.file(), false)) {
            AccountStore accounts = stores.accounts();
            List<String> names = new ArrayList<>();
            names.add(domain.name());
            names.addAll(domain.aliases());
            for (String n : names) {
                accounts.findDomain(n).ifPresent(existing -> {
                    throw new AlreadyExistsException(
                            existing.name().equals(n)
                                    ? "domain " + n + " already exists"
                                    : n + " already exists as an alias of domain " + existing.name());
                });
            }
            accounts.createDomain(domain);
            out.println("created domain " + domain.name()
                    + (domain.aliases().isEmpty() ? "" : " with aliases " + String.join(", ", domain.aliases()))
                    + " in " + ConfiguredStores.describe(config.accounts()));
            ConfiguredStores.noteForRunningServer(config).ifPresent(n -> err.println("icewarp: note: " + n));
        }
    }

    /** The domain as given, validated before any store is opened. */
    private Domain domain() {
        Set<String> a = new LinkedHashSet<>();
        for (String alias : aliases) {
            a.add(checked("--alias", alias.trim()));
        }
        return new Domain(checked("NAME", name), a, Options.EMPTY);
    }

    private static String checked(String what, String value) {
        try {
            return EmailAddress.requireDomain(value);
        } catch (InvalidNameException e) {
            throw new InvalidNameException(what + ": invalid domain name: " + e.getMessage(), e);
        }
    }
}
