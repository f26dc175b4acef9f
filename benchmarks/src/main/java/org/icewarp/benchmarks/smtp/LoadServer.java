package org.icewarp.benchmarks.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.config.StoreChoice;
import org.icewarp.server.IceWarpServer;
import org.icewarp.storage.Account;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;

/**
 * The server under load when no {@code --target} is given: an {@link IceWarpServer} in this JVM with one SMTP service
 * on an ephemeral loopback port, accounts, mailboxes and queue all on one provider ({@code fs}: durable, every message
 * fsynced before its {@code 250}; {@code memory}: for comparison), and the recipient accounts {@code load0..}.
 */
final class LoadServer implements AutoCloseable {
    private final IceWarpServer server;
    private final Path dir;
    private final boolean deleteDir;
    private final EmailAddress[] recipients;

    LoadServer(LoadOptions options) throws IOException {
        deleteDir = options.path().isEmpty();
        dir = options.path().orElse(null) != null
                ? Files.createDirectories(options.path().get())
                : Files.createTempDirectory("icewarp-smtp-load");
        // -Dicewarp.bench.options=k=v,... adds store options, as for the JMH storage benchmarks
        Map<String, String> fs = new java.util.LinkedHashMap<>();
        fs.put("path", dir.resolve("mail").toString());
        org.icewarp.benchmarks.storage.Stores.extraOptions(
                System.getProperty(org.icewarp.benchmarks.storage.Stores.EXTRA_OPTIONS, ""), fs);
        StoreChoice store = options.provider().equals("fs") ? StoreChoice.of("fs", fs) : StoreChoice.MEMORY;
        ServiceConfig smtp = ServiceConfig.builder("smtp")
                .ports(0)
                .option("host-name", "mx.example.com")
                .build();
        IceWarpServer.Builder builder = IceWarpServer.builder();
        if (options.serverBlockingThreads() > 0) {
            builder.blockingThreads(options.serverBlockingThreads());
        }
        server = builder.config(ServerConfig.builder()
                        .accounts(store)
                        .mailboxes(store)
                        .queue(store)
                        .allAddresses(java.util.List.of("127.0.0.1"))
                        .service(smtp)
                        .build())
                .dataDirectory(dir.resolve("server"))
                .build();
        server.start();
        if (server.accounts().findDomain(options.domain()).isEmpty()) {
            server.accounts().createDomain(Domain.of(options.domain()));
        }
        recipients = new EmailAddress[options.recipients()];
        for (int i = 0; i < recipients.length; i++) {
            EmailAddress address = EmailAddress.parse("load" + i + "@" + options.domain());
            if (server.accounts().findAccount(address).isEmpty()) {
                server.accounts().createAccount(Account.of(address.toString()));
                server.mailboxes().createMailbox(address);
            }
            recipients[i] = address;
        }
    }

    InetSocketAddress address() {
        return server.services().require("smtp").listening().get(0);
    }

    Path directory() {
        return dir;
    }

    /** Messages in the recipients' INBOXes now. */
    long stored() {
        long n = 0;
        for (EmailAddress r : recipients) {
            n += server.mailboxes().status(r, FolderName.INBOX).messages();
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (deleteDir) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
