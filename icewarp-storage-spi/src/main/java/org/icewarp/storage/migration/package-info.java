/**
 * Storage migration: copies domains, accounts, groups and mailboxes from one set of stores to another (file system to
 * database and back, one database to another), keeping UIDVALIDITY and UIDs so that IMAP clients need not
 * resynchronise, and ends with a verification of both sides. Start at {@link org.icewarp.storage.migration.StorageMigration}.
 * The module README describes what is copied, how a run resumes, the text-repair rule and the verification.
 */
package org.icewarp.storage.migration;
