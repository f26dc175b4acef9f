package org.icewarp.storage.jdbc;

import java.time.Duration;

/** How a change feed waits between looks at the change log: a plain timed wait, or until the database signals. */
interface Wakeup extends AutoCloseable {

    /** Waits at most {@code max}, less when the engine signals a change. */
    void await(Duration max) throws InterruptedException;

    /** Stops waiting for signals. */
    @Override
    void close();

    /** Waits the whole interval every time (polling). */
    static Wakeup sleeping() {
        return new Wakeup() {
            @Override
            public void await(Duration max) throws InterruptedException {
                Thread.sleep(max.toMillis());
            }

            @Override
            public void close() {}
        };
    }
}
