package org.icewarp.storage.jdbc;

/** The account store contract on POSTGRES. */
class PostgresAccountStoreContractTest extends JdbcAccountContractBase {
    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
