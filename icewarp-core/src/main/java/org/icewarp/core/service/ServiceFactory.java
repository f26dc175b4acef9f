package org.icewarp.core.service;

import java.util.List;

/**
 * The SPI a protocol implements to become a service of the server. Implementations are found with {@link
 * java.util.ServiceLoader}: list the class in {@code META-INF/services/org.icewarp.core.service.ServiceFactory}. The
 * class must be public with a public no-argument constructor, and must be cheap to instantiate: the kernel creates it
 * once per server.
 *
 * <p>The kernel owns everything around the protocol: configuration, listening sockets, the access rule, connection and
 * bandwidth limits, statistics and the activity log. A protocol only supplies what happens on an admitted connection.
 */
public interface ServiceFactory {

    /** The service type, a lower-case identifier such as {@code smtp} or {@code daytime}. */
    String type();

    /** The module a service of this type belongs to unless configured otherwise (POP3 and IMAP share one). */
    String defaultModule();

    /** The standard ports, used when a configuration names none. */
    List<Integer> defaultPorts();

    /** Whether the service runs when the configuration does not mention it. */
    boolean enabledByDefault();

    /**
     * Creates the protocol of one service instance. Called on every start of the service (a restart creates a fresh
     * one), on a kernel thread that may block.
     *
     * @param context the instance's name, configuration and kernel facilities
     * @return the protocol; must not be {@code null}
     */
    ServiceProtocol create(ServiceContext context);
}
