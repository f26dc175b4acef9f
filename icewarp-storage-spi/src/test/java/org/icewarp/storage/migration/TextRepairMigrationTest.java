package org.icewarp.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.DirectoryIdentity;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Options;
import org.icewarp.storage.migration.SampleSource.Target;
import org.junit.jupiter.api.Test;

/** "Repair UTF-8 character set": text fields with invalid characters are repaired in the copy and reported. */
class TextRepairMigrationTest {
    private static final EmailAddress MUELLER = EmailAddress.parse("mueller@broken.example");
    private static final String BAD_NAME = "M\uFFFDller\u0000 \uD800Hans";
    private static final String BAD_SIGNATURE = "Gr\u0085\u00fc\u00dfe\u001b[0m";

    private final SampleSource.Target source = SampleSource.emptyTarget();
    private final Target target = SampleSource.emptyTarget();
    private final List<TextRepair> heard = new CopyOnWriteArrayList<>();

    TextRepairMigrationTest() {
        source.accounts()
                .createDomain(new Domain(
                        "broken.example", Set.of(), Options.of(Map.of("signature", BAD_SIGNATURE, "fine", "ok"))));
        source.accounts()
                .createAccount(new Account(
                        MUELLER,
                        Set.of(),
                        List.of(),
                        0,
                        AccountState.ENABLED,
                        BAD_NAME,
                        new DirectoryIdentity("ad\u0007", "guid-1", Instant.EPOCH, true)));
        source.accounts().createAccount(Account.of("clean@broken.example"));
    }

    private MigrationReport run(boolean repair) {
        return StorageMigration.builder()
                .from(source.accounts(), source.mailboxes())
                .to(target.accounts(), target.mailboxes())
                .repairText(repair)
                .listener(new MigrationListener() {
                    @Override
                    public void onRepair(TextRepair repair) {
                        heard.add(repair);
                    }
                })
                .build()
                .run();
    }

    @Test
    void withRepairTheCopyHasTheInvalidCharactersRemovedAndEachRepairIsReported() {
        MigrationReport report = run(true);

        assertThat(report.repairs())
                .containsExactlyInAnyOrder(
                        new TextRepair(
                                "domain broken.example", "option signature", BAD_SIGNATURE, "Gr\u00fc\u00dfe[0m", true),
                        new TextRepair("account " + MUELLER, "fullName", BAD_NAME, "Mller Hans", true),
                        new TextRepair("account " + MUELLER, "directory.sourceId", "ad\u0007", "ad", true));
        assertThat(report.repairCount()).isEqualTo(3);
        assertThat(heard).isEqualTo(report.repairs());
        assertThat(target.accounts().findAccount(MUELLER).orElseThrow().fullName())
                .isEqualTo("Mller Hans");
        assertThat(target.accounts()
                        .findAccount(MUELLER)
                        .orElseThrow()
                        .directory()
                        .sourceId())
                .isEqualTo("ad");
        assertThat(target.accounts()
                        .findDomain("broken.example")
                        .orElseThrow()
                        .options()
                        .values())
                .containsEntry("signature", "Gr\u00fc\u00dfe[0m")
                .containsEntry("fine", "ok");
        assertThat(report.verification().mismatches())
                .as("the target is compared with the repaired source")
                .isEmpty();
        assertThat(report.repairs().get(0).toString())
                .doesNotContain("\uFFFD", "\u0000")
                .contains("\\u");
    }

    @Test
    void repairingAgainFindsTheSameFieldsAndChangesNothing() {
        run(true);
        heard.clear();

        MigrationReport again = run(true);

        assertThat(again.repairCount()).isEqualTo(3);
        assertThat(again.accounts()).isEqualTo(new MigrationReport.Tally(0, 0, 2));
        assertThat(again.domains()).isEqualTo(new MigrationReport.Tally(0, 0, 1));
    }

    @Test
    void withoutRepairTheFieldsAreCopiedAsTheyAreAndStillReported() {
        MigrationReport report = run(false);

        assertThat(report.repairs()).hasSize(3).allMatch(r -> !r.applied());
        assertThat(target.accounts().findAccount(MUELLER).orElseThrow().fullName())
                .isEqualTo(BAD_NAME);
        assertThat(report.ok()).isTrue();
    }
}
