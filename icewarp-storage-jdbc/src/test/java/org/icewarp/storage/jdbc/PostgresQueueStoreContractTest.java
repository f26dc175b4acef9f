package org.icewarp.storage.jdbc;

/** The queue store contract on POSTGRES. */
class PostgresQueueStoreContractTest extends JdbcQueueContractBase {
    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
