package org.icewarp.storage.jdbc;

/** The mailbox store contract on MARIADB. */
class MariaDbMailboxStoreContractTest extends JdbcMailboxContractBase {
    @Override
    Engine engine() {
        return Engine.MARIADB;
    }
}
