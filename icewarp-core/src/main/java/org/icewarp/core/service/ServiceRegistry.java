package org.icewarp.core.service;

import java.util.List;
import java.util.Optional;

/**
 * The services of a running server, grouped into modules (the seed's System – Services list). A module starts, stops
 * and restarts together; stopping one service or module leaves the others serving.
 */
public interface ServiceRegistry {

    /** Every service instance, enabled or not, in configuration order. */
    List<Service> services();

    /** One service by instance name. */
    Optional<Service> service(String name);

    /**
     * One service by instance name.
     *
     * @throws IllegalArgumentException naming the service when there is none
     */
    Service require(String name);

    /** The module names, in the order their first service appears. */
    List<String> modules();

    /** The services of a module. */
    List<Service> module(String module);

    /**
     * Starts every service of a module.
     *
     * @throws ServiceException for the first service that cannot start (the others of the module still start)
     */
    void startModule(String module);

    /** Stops every service of a module. */
    void stopModule(String module);

    /** Stops and starts every service of a module. */
    void restartModule(String module);

    /** Restarts every running service. */
    void restartAll();

    /** Stops every service. */
    void stopAll();
}
