package org.icewarp.protocols.smtp;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.PasswordSettings;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.log.LogLevel;
import org.icewarp.core.service.Service;
import org.icewarp.server.IceWarpServer;
import org.icewarp.storage.Account;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;

/**
 * A running server for the SMTP AUTH tests: one SMTP service on an ephemeral port with host name {@value #HOST} and
 * service logging at debug, the authentication log at debug, cheap hash parameters, and the domain {@value #DOMAIN}
 * with {@code john@example.com} (password {@value #JOHN_PASSWORD}) and {@code jane@example.com}. Memory storage.
 *
 * <p>Unlike {@link SmtpFixture}, each test chooses the SASL, password and policy settings; the accounts are created
 * after start so their credential records follow the chosen password settings (a reversible copy when enabled).
 */
final class SmtpSaslServer implements AutoCloseable {
    static final String HOST = "mx.example.com";
    static final String DOMAIN = "example.com";
    static final String JOHN = "john@example.com";
    static final String JOHN_PASSWORD = "secret-john";

    final IceWarpServer server;
    final Service smtp;

    private SmtpSaslServer(ServerConfig config) {
        server = IceWarpServer.builder().config(config).build();
        server.start();
        smtp = server.services().require("smtp");
        server.accounts().createDomain(Domain.of(DOMAIN));
        createAccount(JOHN, JOHN_PASSWORD);
        createAccount("jane@example.com", "secret-jane");
    }

    /** Settings to start from; {@link #start()} builds them. */
    static Options options() {
        return new Options();
    }

    /** The cheap password parameters (the defaults cost tens of milliseconds per hash). */
    static PasswordSettings.Builder fastPasswords() {
        return PasswordSettings.builder()
                .argon2MemoryKib(64)
                .argon2Iterations(1)
                .scramIterations(4096);
    }

    /** A reversible-secret key for tests. */
    static byte[] reversibleKey() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x5a);
        return key;
    }

    void createAccount(String address, String password) {
        server.accounts().createAccount(Account.of(address));
        server.authenticator().credentials().setPassword(server.accounts(), EmailAddress.parse(address), password);
        server.mailboxes().createMailbox(EmailAddress.parse(address));
    }

    /** The INBOX messages of an account, oldest first. */
    List<MessageMetadata> inbox(String address) {
        return server.mailboxes().messages(EmailAddress.parse(address), FolderName.INBOX, UidSet.ALL);
    }

    int port() {
        return smtp.listening().get(0).getPort();
    }

    /** A connection past the greeting. */
    SmtpTestClient connect() throws IOException {
        SmtpTestClient c = new SmtpTestClient(port());
        c.read().expect(220);
        return c;
    }

    /** A connection past EHLO, STARTTLS and the second EHLO; returns the client. */
    SmtpTestClient connectTls() throws Exception {
        SmtpTestClient c = connect();
        c.command("EHLO client.example").expect(250);
        c.command("STARTTLS").expect(220);
        c.startTls();
        c.command("EHLO client.example").expect(250);
        return c;
    }

    @Override
    public void close() {
        server.close();
    }

    /** The configuration of one test server. */
    static final class Options {
        private final SaslSettings.Builder sasl = SaslSettings.builder();
        private final PasswordSettings.Builder passwords = fastPasswords();
        private final AuthSettings.Builder auth = AuthSettings.builder().logLevel(LogLevel.DEBUG);
        private final ServiceConfig.Builder service =
                ServiceConfig.builder("smtp").ports(0).logging(LogLevel.DEBUG).option("host-name", HOST);

        private Options() {}

        /** Ticks mechanisms in the SASL settings. */
        Options enable(String... mechanisms) {
            for (String m : mechanisms) {
                sasl.enable(m);
            }
            return this;
        }

        /** Stores a reversible secret with every password (CRAM-MD5, DIGEST-MD5, NTLM). */
        Options reversibleSecrets() {
            passwords.storeReversible(true).reversibleKey(reversibleKey());
            return this;
        }

        Options sasl(Consumer<SaslSettings.Builder> change) {
            change.accept(sasl);
            return this;
        }

        Options auth(Consumer<AuthSettings.Builder> change) {
            change.accept(auth);
            return this;
        }

        Options service(Consumer<ServiceConfig.Builder> change) {
            change.accept(service);
            return this;
        }

        SmtpSaslServer start() {
            return new SmtpSaslServer(ServerConfig.builder()
                    .service(service.build())
                    .sasl(sasl.build())
                    .passwords(passwords.build())
                    .auth(auth.build())
                    .build());
        }
    }
}
