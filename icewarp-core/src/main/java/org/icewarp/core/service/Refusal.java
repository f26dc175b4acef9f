package org.icewarp.core.service;

/** Why the kernel refused a connection before the protocol saw it. */
public enum Refusal {
    /** The service's access rule does not permit the client's address. */
    ACCESS_DENIED,
    /** The service already has its maximum number of simultaneous incoming connections. */
    TOO_MANY_CONNECTIONS
}
