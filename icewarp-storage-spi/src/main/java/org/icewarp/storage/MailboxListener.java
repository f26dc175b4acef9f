package org.icewarp.storage;

/**
 * Receives committed changes. Called after the change is durable, on the thread that made it; must be quick and must
 * not call back into the store. A listener that throws is logged by the store and does not affect the change.
 */
@FunctionalInterface
public interface MailboxListener {
    /** A change happened. */
    void onEvent(MailboxEvent event);
}
