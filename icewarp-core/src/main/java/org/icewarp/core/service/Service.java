package org.icewarp.core.service;

import java.net.InetSocketAddress;
import java.util.List;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.log.LogLevel;

/**
 * One service instance of a running server: the handle through which it is started, stopped, observed and tuned.
 * Methods are thread-safe; life-cycle calls on one service are serialised. {@link #start()}, {@link #stop()} and {@link
 * #restart()} wait for sockets to open or close, so they throw {@link IllegalStateException} when called from one of
 * the server's event loops; a protocol that must stop its own service hands the call to another thread.
 */
public interface Service {

    /** The instance name. */
    String name();

    /** The service type. */
    String type();

    /** The module it belongs to. */
    String module();

    /** Its current configuration. */
    ServiceConfig config();

    /** Its current state. */
    ServiceState state();

    /**
     * Binds the listeners and starts serving; does nothing when running.
     *
     * @throws ServiceException when a listener cannot be bound or a binding asks for something not available (for
     *     example TLS before certificates are configured); the service is then {@link ServiceState#FAILED} and nothing
     *     stays bound
     */
    void start();

    /** Closes the listeners and every open connection; does nothing when stopped. Other services are not affected. */
    void stop();

    /** Stops and starts again, re-reading nothing but what the current configuration says. */
    void restart();

    /** The addresses the service listens on now; empty when stopped. */
    List<InetSocketAddress> listening();

    /** A snapshot of state and counters. */
    ServiceStats stats();

    /** Changes the activity log level at once, for this run and later restarts until the configuration changes it. */
    void setLogLevel(LogLevel level);
}
