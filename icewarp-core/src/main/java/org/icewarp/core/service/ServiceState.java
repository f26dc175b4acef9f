package org.icewarp.core.service;

/** The life-cycle state of a service. */
public enum ServiceState {
    /** Not listening. */
    STOPPED,
    /** Binding its listeners. */
    STARTING,
    /** Listening and serving. */
    RUNNING,
    /** Closing its listeners and connections. */
    STOPPING,
    /** The last start failed; see the log. Start may be tried again. */
    FAILED
}
