package org.icewarp.samples.server;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.icewarp.core.auth.CredentialService;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Addressee;
import org.icewarp.storage.AlreadyExistsException;
import org.icewarp.storage.Credential;
import org.icewarp.storage.DirectoryIdentity;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.NotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code icewarp tool create account ADDRESS [--full-name N] [--quota SIZE] [--password-stdin]}: creates an account in
 * the configured account store with its password records, and its mailbox with the INBOX in the configured mailbox
 * store.
 *
 * <p>The password is stored as the server's authenticator checks it: {@link CredentialService} with the configured
 * {@code system.auth.password.*} settings writes the hash, the SCRAM keys and (when enabled) the reversible record. It
 * comes from the first line of standard input with {@code --password-stdin}, otherwise from the console, asked twice
 * without echo; never from an argument. Without a console and without {@code --password-stdin} the tool refuses.
 *
 * <p>Order of work: the address and options are checked, the stores opened, the domain and the address checked, then
 * the password read (so nobody types it for nothing), hashed, the mailbox created (idempotent) and the account
 * created last, so that an account never exists without its mailbox.
 *
 * <p>Exit codes as {@link StoreTool}: 0 created; 1 the store failed or another process holds it; 2 a usage or
 * configuration error, an invalid address or value (named), no password; 3 the address is taken; 4 the domain does
 * not exist.
 */
@Command(
        name = "account",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Creates an account with its password and its mailbox (INBOX) in the configured storage.",
            "The password is read from the console (twice, without echo) or, with --password-stdin, from the first"
                    + " line of standard input; it is never an argument.",
            "Example: printf '%%s\\n' \"$PASSWORD\" | icewarp tool create account john@example.com"
                    + " --full-name 'John Smith' --quota 500M --password-stdin",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:created",
            "1:the store failed, or another process (the running server) holds it",
            "2:usage or configuration error, an invalid address or value, no password",
            "3:the address is already an account, group or alias",
            "4:the domain does not exist"
        })
final class CreateAccountCommand extends StoreTool {

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "The account's address, local@domain.")
    private String address;

    @Option(names = "--full-name", paramLabel = "N", defaultValue = "", description = "The display name.")
    private String fullName;

    @Option(
            names = "--quota",
            paramLabel = "SIZE",
            defaultValue = "0",
            description = "Mailbox quota: bytes, or with K, M, G, T (binary: 1K = 1024), e.g. 500M; 0 = unlimited."
                    + " Default: ${DEFAULT-VALUE}.")
    private String quota;

    @Option(
            names = "--password-stdin",
            description = "Read the password from the first line of standard input instead of the console.")
    private boolean passwordStdin;

    private final InputStream stdin;
    private final Supplier<Optional<PasswordInput.Prompt>> console;

    CreateAccountCommand() {
        this(System.in, PasswordInput::console);
    }

    /** With the given standard input and console (tests). */
    CreateAccountCommand(InputStream stdin, Supplier<Optional<PasswordInput.Prompt>> console) {
        this.stdin = stdin;
        this.console = console;
    }

    @Override
    String name() {
        return "create account";
    }

    @Override
    void run(ServerConfig config, PrintWriter out, PrintWriter err) {
        EmailAddress given = address();
        long quotaBytes = quotaBytes();
        checkFullName();
        Optional<PasswordInput.Prompt> prompt = passwordStdin ? Optional.empty() : console.get();
        if (!passwordStdin && prompt.isEmpty()) {
            throw new ToolFailure(
                    IceWarpCommand.EXIT_USAGE,
                    "no console to ask for the password; give it as the first line of standard input with"
                            + " --password-stdin (never as an argument)");
        }
        try (ConfiguredStores stores = ConfiguredStores.open(config, this.config.file(), true)) {
            AccountStore accounts = stores.accounts();
            Domain domain = accounts.findDomain(given.domain())
                    .orElseThrow(() -> new NotFoundException("domain " + given.domain() + " does not exist; create"
                            + " it first: icewarp tool create domain " + given.domain()));
            // An address in a domain alias belongs to the domain itself; the reversible record is bound to it.
            EmailAddress canonical = new EmailAddress(given.localPart(), domain.name());
            Optional<Addressee> taken = accounts.lookup(canonical);
            if (taken.isPresent()) {
                throw new AlreadyExistsException(describeTaken(given, taken.get()));
            }
            String password = passwordStdin
                    ? PasswordInput.fromStream(stdin)
                    : PasswordInput.fromPrompt(prompt.get(), canonical.toString());
            CredentialService credentials = CredentialService.create(config.passwords());
            Account account = credentials.withPassword(
                    new Account(
                            canonical,
                            Set.of(),
                            List.of(),
                            quotaBytes,
                            AccountState.ENABLED,
                            fullName,
                            DirectoryIdentity.NONE),
                    password);
            stores.mailboxes().createMailbox(canonical);
            accounts.createAccount(account);
            out.println("created account " + canonical + (fullName.isEmpty() ? "" : " (" + fullName + ")")
                    + ", quota " + (quotaBytes == 0 ? "unlimited" : ProgressDisplay.bytes(quotaBytes))
                    + ", password records " + schemes(account) + ", mailbox with INBOX; accounts in "
                    + ConfiguredStores.describe(config.accounts()) + ", mailboxes in "
                    + ConfiguredStores.describe(config.mailboxes()));
            ConfiguredStores.noteForRunningServer(config).ifPresent(n -> err.println("icewarp: note: " + n));
        }
    }

    private EmailAddress address() {
        try {
            return EmailAddress.parse(address);
        } catch (InvalidNameException e) {
            throw new InvalidNameException("ADDRESS: invalid address: " + e.getMessage(), e);
        }
    }

    private long quotaBytes() {
        try {
            return ByteSize.parse(quota);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(IceWarpCommand.EXIT_USAGE, "--quota: " + e.getMessage(), e);
        }
    }

    private void checkFullName() {
        if (fullName.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ToolFailure(
                    IceWarpCommand.EXIT_USAGE, "--full-name: '" + fullName.strip() + "' contains a control character");
        }
    }

    private static String describeTaken(EmailAddress address, Addressee owner) {
        String kind = owner instanceof Account ? "account" : "group";
        return owner.address().folded().equals(address.folded())
                ? address + " already exists (" + kind + " " + owner.address() + ")"
                : address + " is already an alias of " + kind + " " + owner.address();
    }

    private static String schemes(Account account) {
        return account.credentials().stream().map(Credential::scheme).collect(Collectors.joining(", "));
    }
}
