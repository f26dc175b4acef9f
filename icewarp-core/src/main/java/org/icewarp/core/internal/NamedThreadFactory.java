package org.icewarp.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Daemon threads named {@code <prefix>-<n>}, whose uncaught exceptions are logged as our bugs. */
public final class NamedThreadFactory implements ThreadFactory {
    private static final Logger LOG = LoggerFactory.getLogger(NamedThreadFactory.class);

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);

    /** @param prefix the thread name prefix */
    public NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + "-" + next.getAndIncrement());
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) -> LOG.error("uncaught exception in {}", thread.getName(), e));
        return t;
    }
}
