-- Version 1 (MariaDB): accounts, mailboxes, message contents, queue. Documented in the module README ("Schema").

CREATE TABLE IF NOT EXISTS iw_counters (
    counter_name VARCHAR(40) PRIMARY KEY,
    counter_value BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO iw_counters (counter_name, counter_value)
    SELECT 'uidvalidity', 0 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM iw_counters WHERE counter_name = 'uidvalidity');

CREATE TABLE IF NOT EXISTS iw_locks (
    lock_name VARCHAR(40) PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO iw_locks (lock_name)
    SELECT 'accounts' FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM iw_locks WHERE lock_name = 'accounts');

CREATE TABLE IF NOT EXISTS iw_domains (
    name VARCHAR(253) PRIMARY KEY,
    options LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS iw_domain_names (
    name VARCHAR(253) PRIMARY KEY,
    domain_name VARCHAR(253) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS iw_domain_names_domain ON iw_domain_names (domain_name);

CREATE TABLE IF NOT EXISTS iw_accounts (
    addr_key VARCHAR(320) PRIMARY KEY,
    domain_name VARCHAR(253) NOT NULL,
    address VARCHAR(320) NOT NULL,
    full_name LONGTEXT NOT NULL,
    quota_bytes BIGINT NOT NULL,
    disabled BOOLEAN NOT NULL,
    credentials LONGTEXT NOT NULL,
    dir_source TEXT NOT NULL,
    dir_uuid TEXT NOT NULL,
    dir_modified VARCHAR(40) NOT NULL,
    dir_owned BOOLEAN NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS iw_accounts_domain ON iw_accounts (domain_name, addr_key);

CREATE TABLE IF NOT EXISTS iw_groups (
    addr_key VARCHAR(320) PRIMARY KEY,
    domain_name VARCHAR(253) NOT NULL,
    address VARCHAR(320) NOT NULL,
    parent_key VARCHAR(320),
    parent_address VARCHAR(320),
    members LONGTEXT NOT NULL,
    dir_source TEXT NOT NULL,
    dir_uuid TEXT NOT NULL,
    dir_modified VARCHAR(40) NOT NULL,
    dir_owned BOOLEAN NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS iw_groups_domain ON iw_groups (domain_name, addr_key);
CREATE INDEX IF NOT EXISTS iw_groups_parent ON iw_groups (parent_key);

CREATE TABLE IF NOT EXISTS iw_addresses (
    addr_key VARCHAR(320) PRIMARY KEY,
    domain_name VARCHAR(253) NOT NULL,
    owner_key VARCHAR(320) NOT NULL,
    owner_kind CHAR(1) NOT NULL,
    address VARCHAR(320) NOT NULL,
    pos INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS iw_addresses_owner ON iw_addresses (owner_key);
CREATE INDEX IF NOT EXISTS iw_addresses_domain ON iw_addresses (domain_name);

CREATE TABLE IF NOT EXISTS iw_mailboxes (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    account_key VARCHAR(320) NOT NULL,
    messages BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    CONSTRAINT iw_mailboxes_account UNIQUE (account_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS iw_folders (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    mailbox_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    name_hash CHAR(64) NOT NULL,
    uid_validity BIGINT NOT NULL,
    uid_next BIGINT NOT NULL,
    first_recent BIGINT NOT NULL,
    subscribed BOOLEAN NOT NULL,
    special_use INT NOT NULL,
    messages BIGINT NOT NULL,
    unseen BIGINT NOT NULL,
    recent BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    CONSTRAINT iw_folders_name UNIQUE (mailbox_id, name_hash),
    CONSTRAINT iw_folders_mailbox FOREIGN KEY (mailbox_id) REFERENCES iw_mailboxes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS iw_contents (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    content_size BIGINT NOT NULL,
    chunk_size INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS iw_chunks (
    content_id BIGINT NOT NULL,
    seq INT NOT NULL,
    data MEDIUMBLOB NOT NULL,
    PRIMARY KEY (content_id, seq),
    CONSTRAINT iw_chunks_content FOREIGN KEY (content_id) REFERENCES iw_contents (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS iw_messages (
    folder_id BIGINT NOT NULL,
    uid BIGINT NOT NULL,
    msg_size BIGINT NOT NULL,
    internal_date BIGINT NOT NULL,
    flags INT NOT NULL,
    keywords TEXT NOT NULL,
    seen BOOLEAN NOT NULL,
    content_id BIGINT NOT NULL,
    PRIMARY KEY (folder_id, uid),
    CONSTRAINT iw_messages_folder FOREIGN KEY (folder_id) REFERENCES iw_folders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS iw_messages_unseen ON iw_messages (folder_id, seen, uid);
CREATE INDEX IF NOT EXISTS iw_messages_content ON iw_messages (content_id);

CREATE TABLE IF NOT EXISTS iw_queue (
    id VARCHAR(64) PRIMARY KEY,
    sender TEXT NOT NULL,
    envelope_id TEXT NOT NULL,
    return_full BOOLEAN NOT NULL,
    received BIGINT NOT NULL,
    msg_size BIGINT NOT NULL,
    enqueued BIGINT NOT NULL,
    next_attempt BIGINT NOT NULL,
    attempts INT NOT NULL,
    lease_owner TEXT NOT NULL,
    lease_expires BIGINT NOT NULL,
    content_id BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS iw_queue_due ON iw_queue (next_attempt, id);

CREATE TABLE IF NOT EXISTS iw_queue_recipients (
    queue_id VARCHAR(64) NOT NULL,
    pos INT NOT NULL,
    address VARCHAR(512) NOT NULL,
    notify_on INT NOT NULL,
    orcpt TEXT NOT NULL,
    rcpt_state CHAR(1) NOT NULL,
    attempts INT NOT NULL,
    last_detail LONGTEXT NOT NULL,
    PRIMARY KEY (queue_id, pos),
    CONSTRAINT iw_queue_recipients_queue FOREIGN KEY (queue_id) REFERENCES iw_queue (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
