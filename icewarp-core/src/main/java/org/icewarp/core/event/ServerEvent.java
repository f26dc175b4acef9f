package org.icewarp.core.event;

import java.time.Instant;

/**
 * Something that happened to the server as a whole, published on the {@link EventBus}. The kernel's own events are
 * records in this package; other modules may define their own.
 */
public interface ServerEvent {
    /** When it happened, by the server's clock. */
    Instant at();
}
