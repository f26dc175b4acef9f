package org.icewarp.core.service;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.event.EventBus;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.core.schedule.Scheduler;

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

    /** The server's data directory (mail, logs, temp); the service's own temp folder is {@code temp/<name>} in it. */
    Path dataDirectory();
}
