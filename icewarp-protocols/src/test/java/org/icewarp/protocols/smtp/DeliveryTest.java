package org.icewarp.protocols.smtp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.icewarp.storage.DsnNotify;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.QueuedMessage;
import org.icewarp.storage.UidSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryTest {
    private static final List<String> LOCAL = List.of("john@example.com", "anna@example.com", "bob@example.com");
    private static final byte[] PREFIX =
            "Received: from c.example ([192.0.2.1])\r\n by mx.example.com with ESMTP id t1; Mon, 23 Nov 2026 13:05:09 +0000\r\n"
                    .getBytes(US_ASCII);

    @TempDir
    Path temp;

    private MemoryStores stores;
    private MessageSpool spool;
    private byte[] body;

    @BeforeEach
    void setUp() throws IOException {
        stores = new MemoryStores();
        for (String a : LOCAL) {
            stores.mailboxes.createMailbox(EmailAddress.parse(a));
        }
        // larger than the spool's memory part, so copies are read from memory and file
        body = new byte[200_000];
        new Random(7).nextBytes(body);
        byte[] headers = "Subject: hi\r\n\r\n".getBytes(US_ASCII);
        System.arraycopy(headers, 0, body, 0, headers.length);
        spool = new MessageSpool(temp, 1024);
        spool.write(body, 0, body.length);
    }

    @AfterEach
    void tearDown() {
        spool.close();
        stores.close();
    }

    private static List<LocalTarget> targets(String... addresses) {
        List<LocalTarget> out = new ArrayList<>();
        for (String a : addresses) {
            out.add(new LocalTarget(EmailAddress.parse(a), 0));
        }
        return out;
    }

    private static DeliveryEnvelope envelope(List<LocalTarget> local, List<QueueRecipient> remote) {
        return new DeliveryEnvelope("sender@remote.net", local, remote, "env-1", true);
    }

    private static final List<QueueRecipient> REMOTE = List.of(
            new QueueRecipient(
                    "carol@remote.net", Set.of(DsnNotify.FAILURE, DsnNotify.DELAY), "rfc822;carol@remote.net"),
            QueueRecipient.of("dave@elsewhere.example"));

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private List<byte[]> inbox(MailboxStore store, String account) throws IOException {
        EmailAddress a = EmailAddress.parse(account);
        List<byte[]> out = new ArrayList<>();
        for (MessageMetadata m : store.messages(a, FolderName.INBOX, UidSet.ALL)) {
            try (InputStream in = store.open(a, FolderName.INBOX, m.uid())) {
                out.add(in.readAllBytes());
            }
        }
        return out;
    }

    private List<QueuedMessage> queued(QueueStore queue) {
        return queue.list(PageRequest.first(100)).items();
    }

    private void assertNothingStored() throws IOException {
        for (String a : LOCAL) {
            assertThat(inbox(stores.mailboxes, a)).as(a).isEmpty();
        }
        assertThat(queued(stores.queue)).isEmpty();
    }

    @Test
    void everyLocalCopyHasReturnPathHeadersAndTheIdenticalBody() throws IOException {
        Delivery delivery = new Delivery(stores.mailboxes, stores.queue, MemoryStores.CLOCK);
        DeliveryResult result =
                delivery.deliver(spool, PREFIX, envelope(targets(LOCAL.toArray(String[]::new)), List.of()));

        byte[] expected = concat("Return-Path: <sender@remote.net>\r\n".getBytes(US_ASCII), PREFIX, body);
        for (String a : LOCAL) {
            assertThat(inbox(stores.mailboxes, a)).as(a).singleElement().isEqualTo(expected);
            assertThat(stores.mailboxes.messages(EmailAddress.parse(a), FolderName.INBOX, UidSet.ALL))
                    .singleElement()
                    .satisfies(m -> assertThat(m.internalDate()).isEqualTo(MemoryStores.NOW));
        }
        assertThat(result.stored())
                .extracting(DeliveryResult.StoredCopy::mailbox)
                .containsExactly(LOCAL.stream().map(EmailAddress::parse).toArray(EmailAddress[]::new));
        assertThat(result.stored()).allSatisfy(c -> assertThat(c.size()).isEqualTo(expected.length));
        assertThat(result.queued()).isEmpty();
        assertThat(queued(stores.queue)).isEmpty();
    }

    @Test
    void remoteRecipientsGoToTheQueueAsOneMessageWithTheDsnFields() throws IOException {
        Delivery delivery = new Delivery(stores.mailboxes, stores.queue, MemoryStores.CLOCK);
        DeliveryResult result = delivery.deliver(spool, PREFIX, envelope(targets("john@example.com"), REMOTE));

        assertThat(queued(stores.queue)).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo(result.queued().get(0));
            assertThat(q.envelope())
                    .isEqualTo(new Envelope("sender@remote.net", REMOTE, MemoryStores.NOW, "env-1", true));
            assertThat(q.size()).isEqualTo(PREFIX.length + body.length);
        });
        try (InputStream in = stores.queue.open(result.queued().get(0))) {
            assertThat(in.readAllBytes()).isEqualTo(concat(PREFIX, body));
        }
        assertThat(inbox(stores.mailboxes, "john@example.com")).hasSize(1);
    }

    @Test
    void duplicateRecipientsGetOneCopyEach() throws IOException {
        Delivery delivery = new Delivery(stores.mailboxes, stores.queue, MemoryStores.CLOCK);
        List<QueueRecipient> remote = List.of(REMOTE.get(0), REMOTE.get(0), REMOTE.get(1));
        DeliveryResult result = delivery.deliver(
                spool, PREFIX, envelope(targets("john@example.com", "JOHN@example.com", "anna@example.com"), remote));

        assertThat(result.stored()).hasSize(2);
        assertThat(inbox(stores.mailboxes, "john@example.com")).hasSize(1);
        assertThat(queued(stores.queue))
                .singleElement()
                .satisfies(q -> assertThat(q.envelope().recipients()).isEqualTo(REMOTE));
    }

    @Test
    void nullSenderIsAnEmptyReturnPathAndAnEmptyPrefixIsAllowed() throws IOException {
        Delivery delivery = new Delivery(stores.mailboxes, stores.queue, MemoryStores.CLOCK);
        delivery.deliver(
                spool, new byte[0], new DeliveryEnvelope("", targets("john@example.com"), List.of(), "", false));
        assertThat(inbox(stores.mailboxes, "john@example.com"))
                .singleElement()
                .isEqualTo(concat("Return-Path: <>\r\n".getBytes(US_ASCII), body));
    }

    @Test
    void accountWithoutMailboxGetsOneOnFirstDelivery() throws IOException {
        Delivery delivery = new Delivery(stores.mailboxes, stores.queue, MemoryStores.CLOCK);
        delivery.deliver(spool, PREFIX, envelope(targets("new@example.com"), List.of()));
        assertThat(inbox(stores.mailboxes, "new@example.com")).hasSize(1);
    }

    @ParameterizedTest(name = "append {0} of 3 fails")
    @ValueSource(ints = {1, 2, 3})
    void failedAppendAtAnyPositionLeavesNothingStored(int failing) throws IOException {
        FailingMailboxStore mailboxes = new FailingMailboxStore(stores.mailboxes, failing, false);
        Delivery delivery = new Delivery(mailboxes, stores.queue, MemoryStores.CLOCK);

        assertThatThrownBy(() ->
                        delivery.deliver(spool, PREFIX, envelope(targets(LOCAL.toArray(String[]::new)), REMOTE)))
                .asInstanceOf(type(DeliveryException.class))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(DeliveryException.Reason.STORAGE));
        assertThat(mailboxes.appends()).isEqualTo(failing);
        assertNothingStored();
    }

    @Test
    void failedEnqueueAfterEveryAppendLeavesNothingStored() throws IOException {
        Delivery delivery = new Delivery(stores.mailboxes, new FailingQueueStore(stores.queue), MemoryStores.CLOCK);
        assertThatThrownBy(() ->
                        delivery.deliver(spool, PREFIX, envelope(targets(LOCAL.toArray(String[]::new)), REMOTE)))
                .asInstanceOf(type(DeliveryException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(DeliveryException.Reason.STORAGE);
                    assertThat(e).hasRootCauseMessage("queue database down");
                });
        assertNothingStored();
    }

    @Test
    void quotaRefusalAtDeliveryFailsTheWholeTransaction() throws IOException {
        stores.fill("anna@example.com", 500);
        List<LocalTarget> local = List.of(
                new LocalTarget(EmailAddress.parse("john@example.com"), 0),
                new LocalTarget(EmailAddress.parse("anna@example.com"), 1000),
                new LocalTarget(EmailAddress.parse("bob@example.com"), 0));
        Delivery delivery = new Delivery(stores.mailboxes, stores.queue, MemoryStores.CLOCK);

        assertThatThrownBy(() -> delivery.deliver(spool, PREFIX, envelope(local, REMOTE)))
                .asInstanceOf(type(DeliveryException.class))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(DeliveryException.Reason.QUOTA));
        assertThat(inbox(stores.mailboxes, "john@example.com")).isEmpty();
        assertThat(inbox(stores.mailboxes, "anna@example.com")).hasSize(1); // the 500 bytes that were there
        assertThat(inbox(stores.mailboxes, "bob@example.com")).isEmpty();
        assertThat(queued(stores.queue)).isEmpty();
    }

    @Test
    void copyThatCannotBeRemovedIsReportedAsSuppressed() throws IOException {
        FailingMailboxStore mailboxes = new FailingMailboxStore(stores.mailboxes, 2, true);
        Delivery delivery = new Delivery(mailboxes, stores.queue, MemoryStores.CLOCK);

        assertThatThrownBy(() ->
                        delivery.deliver(spool, PREFIX, envelope(targets(LOCAL.toArray(String[]::new)), REMOTE)))
                .isInstanceOf(DeliveryException.class)
                .satisfies(e -> assertThat(e.getCause().getSuppressed())
                        .singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("expunge failed")));
        // the documented limit: the first copy stays, the client's retry duplicates it
        assertThat(inbox(stores.mailboxes, "john@example.com")).hasSize(1);
        assertThat(queued(stores.queue)).isEmpty();
    }

    @Test
    void unreadableSpoolLeavesNothingStored() throws IOException {
        Delivery delivery = new Delivery(stores.mailboxes, stores.queue, MemoryStores.CLOCK);
        spool.close();
        assertThatThrownBy(() -> delivery.deliver(spool, PREFIX, envelope(targets("john@example.com"), REMOTE)))
                .asInstanceOf(type(DeliveryException.class))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(DeliveryException.Reason.STORAGE));
        assertNothingStored();
    }

    @Test
    void headerPrefixMustEndWithCrlf() {
        Delivery delivery = new Delivery(stores.mailboxes, stores.queue, MemoryStores.CLOCK);
        assertThatThrownBy(() -> delivery.deliver(
                        spool, "Received: x\n".getBytes(US_ASCII), envelope(targets("john@example.com"), List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("headerPrefix");
    }

    @Test
    void envelopeNeedsARecipient() {
        assertThatThrownBy(() -> new DeliveryEnvelope("", List.of(), List.of(), "", false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
