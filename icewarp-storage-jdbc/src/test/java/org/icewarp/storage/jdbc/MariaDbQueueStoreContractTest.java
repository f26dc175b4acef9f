package org.icewarp.storage.jdbc;

/** The queue store contract on MARIADB. */
class MariaDbQueueStoreContractTest extends JdbcQueueContractBase {
    @Override
    Engine engine() {
        return Engine.MARIADB;
    }
}
