package org.icewarp.storage.jdbc;

/** The mailbox store contract on H2. */
class H2MailboxStoreContractTest extends JdbcMailboxContractBase {
    @Override
    Engine engine() {
        return Engine.H2;
    }
}
