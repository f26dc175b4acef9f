package org.icewarp.protocols.pop3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.Service;
import org.icewarp.server.IceWarpServer;
import org.icewarp.storage.Account;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;

/**
 * A running server with one POP3 service on an ephemeral port (host name {@code pop.example.com}) and the domain
 * {@code example.com} with the accounts {@code john} (password {@code secret-john}) and {@code jane} ({@code
 * secret-jane}). Memory storage. Messages are delivered straight into the store with {@link #deliver}.
 */
final class Pop3Fixture implements AutoCloseable {
    static final String JOHN = "john@example.com";
    static final String JANE = "jane@example.com";

    final IceWarpServer server;
    final Service pop3;

    Pop3Fixture(Map<String, String> options) {
        this(options, s -> {}, b -> {});
    }

    Pop3Fixture(
            Map<String, String> options,
            Consumer<ServiceConfig.Builder> service,
            Consumer<ServerConfig.Builder> config) {
        ServiceConfig.Builder s = ServiceConfig.builder("pop3").ports(0);
        s.option("host-name", "pop.example.com");
        options.forEach((k, v) -> {
            if (k.equals("logging")) {
                s.logging(org.icewarp.core.log.LogLevel.parse(v));
            } else {
                s.option(k, v);
            }
        });
        service.accept(s);
        ServerConfig.Builder b = ServerConfig.builder().service(s.build());
        config.accept(b);
        server = IceWarpServer.builder().config(b.build()).build();
        server.start();
        pop3 = server.services().require("pop3");
        server.accounts().createDomain(Domain.of("example.com"));
        createAccount(JOHN, "secret-john");
        createAccount(JANE, "secret-jane");
    }

    void createAccount(String address, String password) {
        server.accounts().createAccount(Account.of(address));
        server.authenticator().credentials().setPassword(server.accounts(), EmailAddress.parse(address), password);
        server.mailboxes().createMailbox(EmailAddress.parse(address));
    }

    /** The first listening port (plain unless the fixture bound only TLS). */
    int port() {
        return pop3.listening().get(0).getPort();
    }

    int port(int index) {
        return pop3.listening().get(index).getPort();
    }

    /** Connects and reads the greeting. */
    Pop3TestClient connect() throws IOException {
        Pop3TestClient c = new Pop3TestClient(port());
        c.expectOk(c.readLine());
        return c;
    }

    /** Connects over STLS and reads the greeting. */
    Pop3TestClient connectTls() throws Exception {
        Pop3TestClient c = connect();
        c.expectOk(c.command("STLS"));
        c.startTls();
        return c;
    }

    /** Appends a message to an account's INBOX, returning its UID. */
    long deliver(String address, String content) {
        return server.mailboxes()
                .append(
                        EmailAddress.parse(address),
                        FolderName.INBOX,
                        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                        AppendRequest.at(Instant.now()))
                .uid();
    }

    /** A small message with CRLF line ends. */
    static String message(String subject, String... bodyLines) {
        StringBuilder sb = new StringBuilder("From: sender@example.org\r\nTo: john@example.com\r\nSubject: ")
                .append(subject)
                .append("\r\n\r\n");
        for (String l : bodyLines) {
            sb.append(l).append("\r\n");
        }
        return sb.toString();
    }

    List<MessageMetadata> inbox(String address) {
        return server.mailboxes().messages(EmailAddress.parse(address), FolderName.INBOX, UidSet.ALL);
    }

    long uidValidity(String address) {
        return server.mailboxes()
                .status(EmailAddress.parse(address), FolderName.INBOX)
                .uidValidity();
    }

    Map<String, Long> counters() {
        return pop3.stats().counters();
    }

    @Override
    public void close() {
        server.close();
    }
}
