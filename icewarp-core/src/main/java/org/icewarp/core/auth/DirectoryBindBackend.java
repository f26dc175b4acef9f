package org.icewarp.core.auth;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LDAP simple bind for directory-owned accounts. The bind name is the account's directory login string (the seed's
 * {@code u_authmodevalue}: a UPN {@code user@domain}, an NT name {@code DOMAIN\\user}, or a DN) from its
 * {@value CredentialService#DIRECTORY_LOGIN} record, or its primary address (as a UPN) when it has none.
 *
 * <p>Outcomes: bind succeeds → accept; {@code invalidCredentials} and other refusals → reject; no server reachable,
 * timeout, {@code busy} or {@code unavailable} → unavailable (a temporary failure, never "wrong password"). An empty
 * password is rejected without a bind, since LDAP treats it as an anonymous bind that succeeds (RFC 4513 §5.1.2).
 */
final class DirectoryBindBackend implements AuthBackend {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryBindBackend.class);
    private static final Set<ResultCode> TEMPORARY = Set.of(
            ResultCode.SERVER_DOWN,
            ResultCode.CONNECT_ERROR,
            ResultCode.TIMEOUT,
            ResultCode.BUSY,
            ResultCode.UNAVAILABLE,
            ResultCode.LOCAL_ERROR,
            ResultCode.DECODING_ERROR);

    private final DirectoryBindSettings settings;

    DirectoryBindBackend(DirectoryBindSettings settings) {
        this.settings = settings;
    }

    static LDAPURL parse(String url) {
        try {
            LDAPURL u = new LDAPURL(url);
            if (!u.hostProvided()) {
                throw new IllegalArgumentException("directory url '" + url + "' names no host");
            }
            return u;
        } catch (LDAPException e) {
            throw new IllegalArgumentException("'" + url + "' is not an ldap:// or ldaps:// url");
        }
    }

    @Override
    public Verdict check(AuthRequest request, Optional<Account> found) {
        if (found.isEmpty() || !found.get().directory().owned()) {
            return Verdict.decline();
        }
        Account account = found.get();
        if (!(request.evidence() instanceof Evidence.Password p)
                || p.value().isEmpty()
                || account.state() != AccountState.ENABLED) {
            return new Verdict.Reject();
        }
        String source = account.directory().sourceId();
        DirectoryBindSettings.Server server = settings.sources().get(source);
        if (server == null) {
            LOG.warn("no directory server configured for source '{}' of {}", source, account.address());
            return new Verdict.Unavailable("no directory server for source '" + source + "'");
        }
        String bindName = account.credentials().stream()
                .filter(c -> c.scheme().equals(CredentialService.DIRECTORY_LOGIN))
                .map(org.icewarp.storage.Credential::value)
                .findFirst()
                .orElse(account.address().toString());
        String lastProblem = "";
        for (String url : server.urls()) {
            LDAPURL u = parse(url);
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            int timeout = (int) Math.min(Integer.MAX_VALUE, server.timeout().toMillis());
            options.setConnectTimeoutMillis(timeout);
            options.setResponseTimeoutMillis(timeout);
            try (LDAPConnection c = new LDAPConnection(socketFactory(u), options, u.getHost(), u.getPort())) {
                c.bind(new SimpleBindRequest(bindName, p.value()));
                return new Verdict.Accept(account, false);
            } catch (LDAPException e) {
                if (!TEMPORARY.contains(e.getResultCode())) {
                    // the server answered: wrong password, unknown DN, account locked in the directory, ...
                    return new Verdict.Reject();
                }
                lastProblem = url + ": " + e.getResultCode();
                LOG.warn("directory {} unavailable for bind of {}: {}", url, account.address(), e.getResultCode());
            } catch (GeneralSecurityException e) {
                lastProblem = url + ": TLS setup failed";
                LOG.warn("directory {}: TLS setup failed", url, e);
            }
        }
        return new Verdict.Unavailable("directory unavailable (" + lastProblem + ")");
    }

    private static SocketFactory socketFactory(LDAPURL u) throws GeneralSecurityException {
        if ("ldaps".equalsIgnoreCase(u.getScheme())) {
            return new SSLUtil().createSSLSocketFactory();
        }
        return SocketFactory.getDefault();
    }

    @Override
    public String toString() {
        return "directory bind " + settings.sources().keySet();
    }
}
