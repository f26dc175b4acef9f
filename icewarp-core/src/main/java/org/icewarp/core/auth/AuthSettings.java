package org.icewarp.core.auth;

import java.time.Duration;
import java.util.Objects;
import org.icewarp.core.log.LogLevel;
import org.icewarp.storage.EmailAddress;

/**
 * The authentication policy of a server. Immutable; build with {@link #builder()}. Configuration keys are under
 * {@code system.auth}.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>disablePlain</td><td>{@code disable-plain}</td><td>false</td><td>the seed's "Disable plain
 *       authentication for all services": PLAIN, LOGIN and USER/PASS are refused everywhere, TLS or not</td></tr>
 *   <tr><td>plainWithoutTls</td><td>{@code plain-without-tls}</td><td>false</td><td>allow plain-text mechanisms on
 *       connections without TLS (otherwise they need TLS)</td></tr>
 *   <tr><td>loginWithEmail</td><td>{@code login-with-email}</td><td>true</td><td>the seed's "Users login with their
 *       email address": the login must be a full address (or alias address); false also accepts a bare local part,
 *       taken in {@code primary-domain}</td></tr>
 *   <tr><td>primaryDomain</td><td>{@code primary-domain}</td><td>none</td><td>the domain bare logins are taken
 *       in</td></tr>
 *   <tr><td>maxAccountFailures</td><td>{@code login-policy.account-failures}</td><td>5</td><td>failed logins of one
 *       account within the window that block it; 0 = never</td></tr>
 *   <tr><td>maxIpFailures</td><td>{@code login-policy.ip-failures}</td><td>20</td><td>failed logins from one IP
 *       within the window that block the IP; 0 = never</td></tr>
 *   <tr><td>failureWindow</td><td>{@code login-policy.window}</td><td>10m</td><td>how long a failure counts</td></tr>
 *   <tr><td>blockDuration</td><td>{@code login-policy.block}</td><td>30m</td><td>how long a blocked account or IP
 *       stays blocked</td></tr>
 *   <tr><td>trackedKeys</td><td>{@code login-policy.tracked}</td><td>100000</td><td>most accounts and IPs counted at
 *       once, each; the least recently used are forgotten beyond it</td></tr>
 *   <tr><td>logLevel</td><td>{@code logging}</td><td>summary</td><td>the authentication log: summary = login policy
 *       and failures, debug/extended = every attempt</td></tr>
 *   <tr><td>threads</td><td>{@code threads}</td><td>number of processors</td><td>verifications at once (each may hold
 *       Argon2's memory)</td></tr>
 *   <tr><td>queue</td><td>{@code queue}</td><td>1000</td><td>attempts waiting for a thread before new ones get a
 *       temporary failure</td></tr>
 * </table>
 */
public final class AuthSettings {
    private final boolean disablePlain;
    private final boolean plainWithoutTls;
    private final boolean loginWithEmail;
    private final String primaryDomain;
    private final int maxAccountFailures;
    private final int maxIpFailures;
    private final Duration failureWindow;
    private final Duration blockDuration;
    private final int trackedKeys;
    private final LogLevel logLevel;
    private final int threads;
    private final int queue;

    private AuthSettings(Builder b) {
        disablePlain = b.disablePlain;
        plainWithoutTls = b.plainWithoutTls;
        loginWithEmail = b.loginWithEmail;
        primaryDomain = b.primaryDomain;
        maxAccountFailures = b.maxAccountFailures;
        maxIpFailures = b.maxIpFailures;
        failureWindow = b.failureWindow;
        blockDuration = b.blockDuration;
        trackedKeys = b.trackedKeys;
        logLevel = b.logLevel;
        threads = b.threads;
        queue = b.queue;
    }

    /** The defaults. */
    public static AuthSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether plain-text mechanisms are refused for all services. */
    public boolean disablePlain() {
        return disablePlain;
    }

    /** Whether plain-text mechanisms are allowed without TLS. */
    public boolean plainWithoutTls() {
        return plainWithoutTls;
    }

    /** Whether logins must be full addresses. */
    public boolean loginWithEmail() {
        return loginWithEmail;
    }

    /** The domain bare logins are taken in; {@code ""} when none. */
    public String primaryDomain() {
        return primaryDomain;
    }

    /** Failures that block an account; 0 = never. */
    public int maxAccountFailures() {
        return maxAccountFailures;
    }

    /** Failures that block an IP; 0 = never. */
    public int maxIpFailures() {
        return maxIpFailures;
    }

    /** How long a failure counts. */
    public Duration failureWindow() {
        return failureWindow;
    }

    /** How long a block lasts. */
    public Duration blockDuration() {
        return blockDuration;
    }

    /** Most accounts, and most IPs, counted at once. */
    public int trackedKeys() {
        return trackedKeys;
    }

    /** The authentication log level. */
    public LogLevel logLevel() {
        return logLevel;
    }

    /** Verification threads. */
    public int threads() {
        return threads;
    }

    /** Attempts queued for a thread. */
    public int queue() {
        return queue;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthSettings a
                && disablePlain == a.disablePlain
                && plainWithoutTls == a.plainWithoutTls
                && loginWithEmail == a.loginWithEmail
                && primaryDomain.equals(a.primaryDomain)
                && maxAccountFailures == a.maxAccountFailures
                && maxIpFailures == a.maxIpFailures
                && failureWindow.equals(a.failureWindow)
                && blockDuration.equals(a.blockDuration)
                && trackedKeys == a.trackedKeys
                && logLevel == a.logLevel
                && threads == a.threads
                && queue == a.queue;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                disablePlain,
                plainWithoutTls,
                loginWithEmail,
                primaryDomain,
                maxAccountFailures,
                maxIpFailures,
                failureWindow,
                blockDuration,
                trackedKeys,
                logLevel,
                threads,
                queue);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.disablePlain = disablePlain;
        b.plainWithoutTls = plainWithoutTls;
        b.loginWithEmail = loginWithEmail;
        b.primaryDomain = primaryDomain;
        b.maxAccountFailures = maxAccountFailures;
        b.maxIpFailures = maxIpFailures;
        b.failureWindow = failureWindow;
        b.blockDuration = blockDuration;
        b.trackedKeys = trackedKeys;
        b.logLevel = logLevel;
        b.threads = threads;
        b.queue = queue;
        return b;
    }

    @Override
    public String toString() {
        return "AuthSettings[disablePlain=" + disablePlain + ", plainWithoutTls=" + plainWithoutTls
                + ", loginWithEmail=" + loginWithEmail + ", primaryDomain=" + primaryDomain + ", account="
                + maxAccountFailures + ", ip=" + maxIpFailures + ", window=" + failureWindow + ", block="
                + blockDuration + ", log=" + logLevel.spelling() + "]";
    }

    /** Builds {@link AuthSettings}; setters validate at once and name the option. */
    public static final class Builder {
        private boolean disablePlain;
        private boolean plainWithoutTls;
        private boolean loginWithEmail = true;
        private String primaryDomain = "";
        private int maxAccountFailures = 5;
        private int maxIpFailures = 20;
        private Duration failureWindow = Duration.ofMinutes(10);
        private Duration blockDuration = Duration.ofMinutes(30);
        private int trackedKeys = 100_000;
        private LogLevel logLevel = LogLevel.SUMMARY;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int queue = 1000;

        private Builder() {}

        /** Refuse plain-text mechanisms for all services; default false. */
        public Builder disablePlain(boolean on) {
            this.disablePlain = on;
            return this;
        }

        /** Allow plain-text mechanisms without TLS; default false. */
        public Builder plainWithoutTls(boolean on) {
            this.plainWithoutTls = on;
            return this;
        }

        /** Logins must be full addresses; default true. */
        public Builder loginWithEmail(boolean on) {
            this.loginWithEmail = on;
            return this;
        }

        /** The domain bare logins are taken in; {@code ""} for none (default). */
        public Builder primaryDomain(String domain) {
            Objects.requireNonNull(domain, "primaryDomain");
            this.primaryDomain = domain.isBlank() ? "" : EmailAddress.requireDomain(domain.trim());
            return this;
        }

        /** Failures that block an account, 0 (never) to 10,000; default 5. */
        public Builder maxAccountFailures(int n) {
            this.maxAccountFailures = range("maxAccountFailures", n, 0, 10_000);
            return this;
        }

        /** Failures that block an IP, 0 (never) to 1,000,000; default 20. */
        public Builder maxIpFailures(int n) {
            this.maxIpFailures = range("maxIpFailures", n, 0, 1_000_000);
            return this;
        }

        /** How long a failure counts, 1 s to 1 day; default 10 minutes. */
        public Builder failureWindow(Duration d) {
            this.failureWindow = duration("failureWindow", d);
            return this;
        }

        /** How long a block lasts, 1 s to 1 day; default 30 minutes. */
        public Builder blockDuration(Duration d) {
            this.blockDuration = duration("blockDuration", d);
            return this;
        }

        /** Most accounts (and IPs) counted at once, 100 to 10,000,000; default 100,000. */
        public Builder trackedKeys(int n) {
            this.trackedKeys = range("trackedKeys", n, 100, 10_000_000);
            return this;
        }

        /** The authentication log level; default summary. */
        public Builder logLevel(LogLevel level) {
            this.logLevel = Objects.requireNonNull(level, "logLevel");
            return this;
        }

        /** Verification threads, 1 to 256; default the number of processors. */
        public Builder threads(int n) {
            this.threads = range("threads", n, 1, 256);
            return this;
        }

        /** Attempts queued for a thread, 1 to 1,000,000; default 1000. */
        public Builder queue(int n) {
            this.queue = range("queue", n, 1, 1_000_000);
            return this;
        }

        /** Builds. */
        public AuthSettings build() {
            return new AuthSettings(this);
        }

        private static int range(String name, int n, int min, int max) {
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", was " + n);
            }
            return n;
        }

        private static Duration duration(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(name + " must be 1 s to 1 day, was " + d);
            }
            return d;
        }
    }
}
