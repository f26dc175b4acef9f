package org.icewarp.core.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.event.EventBus;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.core.schedule.Scheduler;
import org.icewarp.core.service.ServiceContext;

/** The context handed to a protocol when its service starts. */
final class Context implements ServiceContext {
    private final ServiceRuntime runtime;
    private final Kernel kernel;
    private final ServiceConfig config;

    private final Path temp;

    Context(ServiceRuntime runtime, Kernel kernel, Path temp) {
        this.runtime = runtime;
        this.kernel = kernel;
        this.config = runtime.config();
        this.temp = temp;
    }

    @Override
    public Path tempDirectory() {
        return temp;
    }

    @Override
    public org.icewarp.storage.AccountStore accounts() {
        return kernel.storage().accounts();
    }

    @Override
    public org.icewarp.storage.MailboxStore mailboxes() {
        return kernel.storage().mailboxes();
    }

    @Override
    public org.icewarp.storage.QueueStore queue() {
        return kernel.storage().queue();
    }

    @Override
    public String name() {
        return runtime.name();
    }

    @Override
    public ServiceConfig config() {
        return config;
    }

    @Override
    public ActivityLog log() {
        return runtime.log();
    }

    @Override
    public Clock clock() {
        return kernel.clock();
    }

    @Override
    public Executor blockingExecutor() {
        return kernel.blocking();
    }

    @Override
    public Scheduler scheduler() {
        return kernel.scheduler();
    }

    @Override
    public EventBus events() {
        return kernel.events();
    }

    @Override
    public org.icewarp.core.tls.ServiceTls tls() {
        return runtime.tls();
    }

    @Override
    public org.icewarp.core.auth.Authenticator authenticator() {
        return kernel.authenticator();
    }

    @Override
    public boolean isTrusted(java.net.InetAddress address) {
        return runtime.trusted().contains(address);
    }

    @Override
    public org.icewarp.core.access.Patterns patterns() {
        return runtime.patterns();
    }

    @Override
    public Path dataDirectory() {
        return kernel.dataDirectory();
    }
}
