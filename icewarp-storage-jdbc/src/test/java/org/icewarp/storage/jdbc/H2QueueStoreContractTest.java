package org.icewarp.storage.jdbc;

/** The queue store contract on H2. */
class H2QueueStoreContractTest extends JdbcQueueContractBase {
    @Override
    Engine engine() {
        return Engine.H2;
    }
}
