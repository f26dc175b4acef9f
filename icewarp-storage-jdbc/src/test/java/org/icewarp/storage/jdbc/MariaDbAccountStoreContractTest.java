package org.icewarp.storage.jdbc;

/** The account store contract on MARIADB. */
class MariaDbAccountStoreContractTest extends JdbcAccountContractBase {
    @Override
    Engine engine() {
        return Engine.MARIADB;
    }
}
