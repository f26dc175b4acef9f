package org.icewarp.samples.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;

/**
 * A test provider, id {@code memory-no-import}: in-memory stores whose mailbox store, like a backend that has not
 * implemented them yet, refuses the import methods.
 */
public final class ReadOnlyMemoryProvider implements StorageProvider {
    private final MemoryStorageProvider memory = new MemoryStorageProvider();

    /** For {@link java.util.ServiceLoader}. */
    public ReadOnlyMemoryProvider() {}

    @Override
    public String id() {
        return "memory-no-import";
    }

    @Override
    public AccountStore openAccounts(StorageSettings settings) {
        return memory.openAccounts(settings);
    }

    @Override
    public MailboxStore openMailboxes(StorageSettings settings) {
        MailboxStore real = memory.openMailboxes(settings);
        return (MailboxStore) Proxy.newProxyInstance(
                MailboxStore.class.getClassLoader(), new Class<?>[] {MailboxStore.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("import")
                            || method.getName().equals("reserveUids")) {
                        throw new UnsupportedOperationException("memory-no-import cannot " + method.getName());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public QueueStore openQueue(StorageSettings settings) {
        return memory.openQueue(settings);
    }
}
