-- Version 2 (MariaDB): the change log that other servers' listeners read.

CREATE TABLE IF NOT EXISTS iw_change_log (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    origin VARCHAR(36) NOT NULL,
    created_at BIGINT NOT NULL,
    payload LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS iw_change_log_created ON iw_change_log (created_at);
