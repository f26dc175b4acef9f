package org.icewarp.storage.jdbc;

/** The mailbox store contract on POSTGRES. */
class PostgresMailboxStoreContractTest extends JdbcMailboxContractBase {
    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
