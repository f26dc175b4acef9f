package org.icewarp.storage.migration;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Page;
import org.icewarp.storage.PageRequest;

/** Walks paged listings of an {@link AccountStore} a page at a time. */
final class Listings {
    private Listings() {}

    static <T> void forEach(int pageSize, Function<PageRequest, Page<T>> list, Consumer<T> action) {
        Optional<PageRequest> request = Optional.of(PageRequest.first(pageSize));
        while (request.isPresent()) {
            Page<T> page = list.apply(request.get());
            page.items().forEach(action);
            request = page.next(pageSize);
        }
    }

    /** Every domain's name, then each item of {@code perDomain} for it. */
    static <T> void forEachInDomains(AccountStore store, int pageSize, PerDomain<T> perDomain, Consumer<T> action) {
        forEach(pageSize, store::domains, d -> forEach(pageSize, p -> perDomain.list(d.name(), p), action));
    }

    /** A per-domain listing ({@link AccountStore#accounts}, {@link AccountStore#groups}). */
    interface PerDomain<T> {
        Page<T> list(String domain, PageRequest page);
    }
}
