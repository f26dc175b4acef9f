package org.icewarp.protocols.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.Service;
import org.icewarp.server.IceWarpServer;
import org.icewarp.storage.Account;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;

/**
 * A running server with one SMTP service on an ephemeral port and the domain {@code example.com} with the accounts
 * {@code john} (password {@code secret-john}) and {@code jane}. Memory storage.
 */
final class SmtpFixture implements AutoCloseable {
    static final String DOMAIN = "example.com";

    final IceWarpServer server;
    final Service smtp;

    SmtpFixture(Map<String, String> options) {
        this(options, b -> {});
    }

    SmtpFixture(Map<String, String> options, Consumer<ServerConfig.Builder> config) {
        ServiceConfig.Builder s = ServiceConfig.builder("smtp").ports(0);
        s.option("host-name", "mx.example.com");
        options.forEach((k, v) -> {
            if (k.equals("logging")) {
                s.logging(org.icewarp.core.log.LogLevel.parse(v));
            } else {
                s.option(k, v);
            }
        });
        ServerConfig.Builder b = ServerConfig.builder().service(s.build());
        config.accept(b);
        server = IceWarpServer.builder().config(b.build()).build();
        server.start();
        smtp = server.services().require("smtp");
        server.accounts().createDomain(Domain.of(DOMAIN));
        createAccount("john@example.com", "secret-john");
        createAccount("jane@example.com", "secret-jane");
    }

    void createAccount(String address, String password) {
        server.accounts().createAccount(Account.of(address));
        server.authenticator().credentials().setPassword(server.accounts(), EmailAddress.parse(address), password);
        server.mailboxes().createMailbox(EmailAddress.parse(address));
    }

    int port() {
        return smtp.listening().get(0).getPort();
    }

    SmtpTestClient connect() throws IOException {
        SmtpTestClient c = new SmtpTestClient(port());
        c.read().expect(220);
        return c;
    }

    /** The INBOX messages of an account, oldest first. */
    List<MessageMetadata> inbox(String address) {
        return server.mailboxes().messages(EmailAddress.parse(address), FolderName.INBOX, UidSet.ALL);
    }

    /** The content of an INBOX message. */
    String content(String address, long uid) throws IOException {
        try (InputStream in = server.mailboxes().open(EmailAddress.parse(address), FolderName.INBOX, uid)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
