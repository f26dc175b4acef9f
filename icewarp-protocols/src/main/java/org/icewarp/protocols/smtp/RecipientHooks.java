package org.icewarp.protocols.smtp;

import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RecipientHook}s for one recipient, in order, with every call guarded.
 *
 * <p>Call order: hooks run in list order until one answers something other than {@link RecipientVerdict.Continue}. A
 * {@link RecipientVerdict.Rewrite} replaces the recipient (its locality recomputed with the predicate the session
 * passes) and restarts the chain at the first hook, so every hook sees the final recipient; after {@link
 * #DEFAULT_MAX_REWRITES} rewrites (or the configured number) a further rewrite ends the chain with {@link
 * #REWRITE_LOOP}. Accept, Reject and RejectTemporarily end the chain. The session must resolve and relay-check the
 * {@linkplain HookDecision#recipient() final recipient}, never the original, so that a rewrite cannot open a relay.
 *
 * <p>Guard (STYLE habit 8): a {@link RuntimeException} or a {@code null} verdict from a hook becomes {@link
 * #HOOK_FAILED} ({@code 451 4.3.0}) and a WARN log line naming the hook class; the exception never reaches the session.
 *
 * <p>Threading: immutable and thread-safe; {@link #run} calls the hooks on the caller's thread, which is the kernel's
 * blocking executor (hooks may block).
 */
final class RecipientHooks {
    /** How many rewrites are applied to one recipient by default. */
    static final int DEFAULT_MAX_REWRITES = 5;
    /** The verdict when a hook throws or answers null. */
    static final RecipientVerdict HOOK_FAILED =
            new RecipientVerdict.RejectTemporarily(451, "4.3.0", "Recipient check failed, try again later");
    /** The verdict when hooks rewrite more often than allowed (RFC 3463 X.4.6, routing loop). */
    static final RecipientVerdict REWRITE_LOOP =
            new RecipientVerdict.RejectTemporarily(451, "4.4.6", "Recipient rewriting loops, try again later");

    private static final Logger LOG = LoggerFactory.getLogger(RecipientHooks.class);

    private final List<RecipientHook> hooks;
    private final int maxRewrites;

    /** Hooks with the default rewrite limit. */
    RecipientHooks(List<RecipientHook> hooks) {
        this(hooks, DEFAULT_MAX_REWRITES);
    }

    /**
     * Hooks in the order given.
     *
     * @param maxRewrites how many rewrites are applied to one recipient, at least 0
     * @throws IllegalArgumentException naming the option when {@code maxRewrites} is negative
     */
    RecipientHooks(List<RecipientHook> hooks, int maxRewrites) {
        this.hooks = List.copyOf(hooks);
        if (maxRewrites < 0) {
            throw new IllegalArgumentException("maxRewrites must be 0 or more, was " + maxRewrites);
        }
        this.maxRewrites = maxRewrites;
    }

    /** The hooks registered with {@link ServiceLoader} in {@code loader}, in the loader's order. */
    static RecipientHooks load(ClassLoader loader) {
        List<RecipientHook> found = ServiceLoader.load(RecipientHook.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        return new RecipientHooks(found);
    }

    /** Whether there are no hooks (the session can skip the blocking hop). */
    boolean isEmpty() {
        return hooks.isEmpty();
    }

    /**
     * Runs the chain.
     *
     * @param check the facts and the recipient as given
     * @param local whether a (rewritten) recipient is in a local domain
     * @return the final verdict (never a rewrite) and the recipient after every rewrite
     */
    HookDecision run(RecipientCheck check, Predicate<SmtpMailbox> local) {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(local, "local");
        RecipientCheck current = check;
        int rewrites = 0;
        restart:
        while (true) {
            for (RecipientHook hook : hooks) {
                RecipientVerdict verdict = guarded(hook, current);
                if (verdict instanceof RecipientVerdict.Continue) {
                    continue;
                }
                if (verdict instanceof RecipientVerdict.Rewrite rewrite) {
                    if (rewrites == maxRewrites) {
                        LOG.warn(
                                "{}: recipient hooks rewrote {} more than {} times; last by {}",
                                current.service(),
                                MailboxText.path(check.recipient()),
                                maxRewrites,
                                hook.getClass().getName());
                        return new HookDecision(REWRITE_LOOP, current.recipient());
                    }
                    rewrites++;
                    LOG.debug(
                            "{}: {} rewrote recipient {} to {}",
                            current.service(),
                            hook.getClass().getName(),
                            MailboxText.path(current.recipient()),
                            MailboxText.path(rewrite.recipient()));
                    current = current.withRecipient(rewrite.recipient(), local.test(rewrite.recipient()));
                    continue restart;
                }
                return new HookDecision(verdict, current.recipient());
            }
            return new HookDecision(new RecipientVerdict.Continue(), current.recipient());
        }
    }

    private static RecipientVerdict guarded(RecipientHook hook, RecipientCheck check) {
        RecipientVerdict verdict;
        try {
            verdict = hook.check(check);
        } catch (RuntimeException e) {
            LOG.warn(
                    "{}: recipient hook {} failed for {}; answering 451 4.3.0",
                    check.service(),
                    hook.getClass().getName(),
                    MailboxText.path(check.recipient()),
                    e);
            return HOOK_FAILED;
        }
        if (verdict == null) {
            LOG.warn(
                    "{}: recipient hook {} answered null for {}; answering 451 4.3.0",
                    check.service(),
                    hook.getClass().getName(),
                    MailboxText.path(check.recipient()));
            return HOOK_FAILED;
        }
        return verdict;
    }

    /**
     * The outcome of the chain.
     *
     * @param verdict Continue, Accept, Reject or RejectTemporarily (never Rewrite)
     * @param recipient the recipient after every rewrite; the one to resolve, relay-check and deliver to
     */
    record HookDecision(RecipientVerdict verdict, SmtpMailbox recipient) {
        /** Validates. */
        HookDecision {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(recipient, "recipient");
            if (verdict instanceof RecipientVerdict.Rewrite) {
                throw new IllegalArgumentException("a decision is never a rewrite");
            }
        }
    }
}
