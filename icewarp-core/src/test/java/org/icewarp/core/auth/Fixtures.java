package org.icewarp.core.auth;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Domain;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;
import org.slf4j.LoggerFactory;

/** Shared test set-up: fast hash parameters, an in-memory store, log capture. */
final class Fixtures {
    private Fixtures() {}

    /** Cheap parameters so that tests stay short. */
    static PasswordSettings fast() {
        return PasswordSettings.builder()
                .argon2MemoryKib(64)
                .argon2Iterations(1)
                .scramIterations(16)
                .build();
    }

    static AccountStore store(String... domains) {
        AccountStore s = new MemoryStorageProvider().openAccounts(StorageSettings.of(Options.EMPTY));
        for (String d : domains) {
            s.createDomain(Domain.of(d));
        }
        return s;
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static AuthRequest plain(String ip, String session, String login, String password) {
        return AuthRequest.password("imap", ip(ip), session, true, login, Mechanism.PLAIN, password);
    }

    /** Captures the lines of the authentication log. */
    static final class LogCapture implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger("icewarp.log.auth");
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        LogCapture() {
            appender.start();
            logger.addAppender(appender);
        }

        List<String> lines() {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }

        void clear() {
            appender.list.clear();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
