package org.icewarp.storage.jdbc;

/** The account store contract on H2. */
class H2AccountStoreContractTest extends JdbcAccountContractBase {
    @Override
    Engine engine() {
        return Engine.H2;
    }
}
