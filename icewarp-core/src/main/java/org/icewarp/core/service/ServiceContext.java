package org.icewarp.core.service;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.event.EventBus;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.core.schedule.Scheduler;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.QueueStore;

/** What the kernel gives a service instance: its identity and configuration, and the server's shared facilities. */
public interface ServiceContext {

    /** The instance name. */
    String name();

    /** The instance's configuration as it was when the service started. */
    ServiceConfig config();

    /** The instance's activity log ({@code icewarp.log.<name>}), whose level may change while it runs. */
    ActivityLog log();

    /** The server's clock; protocols take time from here, never from {@code System}. */
    Clock clock();

    /**
     * The kernel's bounded executor for work that may block (storage, DNS, hashing). Results must be handed back to
     * the connection's event loop. A full queue rejects work with {@link java.util.concurrent.RejectedExecutionException},
     * which the protocol turns into a temporary failure reply.
     */
    Executor blockingExecutor();

    /** The server's scheduler. */
    Scheduler scheduler();

    /** The server's event bus. */
    EventBus events();

    /**
     * The server's TLS as this service sees it: whether TLS is switched on (offer STARTTLS only then) and the STARTTLS
     * upgrade that discards pipelined plaintext. Implicit TLS bindings need nothing from the protocol.
     */
    org.icewarp.core.tls.ServiceTls tls();

    /** The server's data directory (mail, logs, temp). */
    Path dataDirectory();

    /** The service's own temporary folder, {@code <data>/temp/<name>}, emptied each time the service starts. */
    Path tempDirectory();

    /** The server's account store ({@code system.storage.accounts}). Its methods may block. */
    AccountStore accounts();

    /** The server's mailbox store ({@code system.storage.mailboxes}). Its methods may block. */
    MailboxStore mailboxes();

    /**
     * The server's authenticator ({@code system.auth}): every login of every protocol goes through it, and protocols
     * ask its {@link org.icewarp.core.auth.Authenticator#policy() policy} which mechanisms to offer. Its stage
     * completes off the event loop; continue on the channel's event loop.
     *
     * @throws UnsupportedOperationException in a context that has none (the default, for implementations outside the
     *     kernel)
     */
    default org.icewarp.core.auth.Authenticator authenticator() {
        throw new UnsupportedOperationException("this service context has no authenticator");
    }

    /**
     * Whether {@code address} is one of the server's trusted IPs ({@code system.trusted-ips}) as currently configured;
     * a configuration reload takes effect at once. Trusted hosts are exempt from bandwidth caps and, in SMTP, may
     * relay.
     */
    default boolean isTrusted(java.net.InetAddress address) {
        return false;
    }

    /** The server's named patterns ({@code system.advanced.patterns}), for protocol options that accept them. */
    default org.icewarp.core.access.Patterns patterns() {
        return org.icewarp.core.access.Patterns.empty();
    }

    /** The server's outgoing queue ({@code system.storage.queue}). Its methods may block. */
    QueueStore queue();
}
