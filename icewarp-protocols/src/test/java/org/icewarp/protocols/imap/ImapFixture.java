package org.icewarp.protocols.imap;

import java.io.IOException;
import java.util.Map;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.Service;
import org.icewarp.server.IceWarpServer;
import org.icewarp.storage.Account;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;

/**
 * A running server with one IMAP service on an ephemeral port and the accounts {@code john@example.com} (password
 * {@code secret-john}) and {@code jane@example.com}. Memory storage.
 */
final class ImapFixture implements AutoCloseable {
    final IceWarpServer server;
    final Service imap;

    ImapFixture() {
        this(Map.of());
    }

    ImapFixture(Map<String, String> options) {
        ServiceConfig.Builder s = ServiceConfig.builder("imap").ports(0);
        options.forEach((k, v) -> {
            if (k.equals("logging")) {
                s.logging(org.icewarp.core.log.LogLevel.parse(v));
            } else {
                s.option(k, v);
            }
        });
        server = IceWarpServer.builder()
                .config(ServerConfig.builder().service(s.build()).build())
                .build();
        server.start();
        imap = server.services().require("imap");
        server.accounts().createDomain(Domain.of("example.com"));
        createAccount("john@example.com", "secret-john");
        createAccount("jane@example.com", "secret-jane");
    }

    void createAccount(String address, String password) {
        server.accounts().createAccount(Account.of(address));
        server.authenticator().credentials().setPassword(server.accounts(), EmailAddress.parse(address), password);
        server.mailboxes().createMailbox(EmailAddress.parse(address));
    }

    int port() {
        return imap.listening().get(0).getPort();
    }

    /** A client that has read the greeting. */
    ImapTestClient connect() throws IOException {
        ImapTestClient c = new ImapTestClient(port());
        c.line();
        return c;
    }

    /** A client logged in as john over STARTTLS. */
    ImapTestClient john() throws Exception {
        ImapTestClient c = connect();
        c.command("s0 STARTTLS").expectOk();
        c.startTls();
        c.command("l0 LOGIN john@example.com secret-john").expectOk();
        return c;
    }

    @Override
    public void close() {
        server.close();
    }
}
