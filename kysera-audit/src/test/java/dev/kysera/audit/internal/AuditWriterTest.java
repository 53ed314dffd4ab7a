package dev.kysera.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Values of the audit row itself: SQLite time text exactly as jOOQ binds a timestamp there ({@code Timestamp.toString()}), transaction ids. */
class AuditWriterTest {

    @Test
    void sqlite_time_text_is_timestamp_text() {
        LocalDateTime[] fixed = {LocalDateTime.of(2026, 3, 4, 5, 6, 7), LocalDateTime.of(2026, 12, 31, 23, 59, 59, 999_999_999),
            LocalDateTime.of(2026, 1, 2, 3, 4, 5, 120_000_000), LocalDateTime.of(2026, 1, 2, 3, 4, 5, 1_000),
            LocalDateTime.of(999, 1, 1, 0, 0), LocalDateTime.of(10_000, 1, 1, 0, 0, 0, 5)};
        for (LocalDateTime time : fixed) {
            assertThat(AuditWriter.sqliteText(time)).isEqualTo(Timestamp.valueOf(time).toString());
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            LocalDateTime time = LocalDateTime.of(random.nextInt(1000, 10_000), random.nextInt(1, 13), random.nextInt(1, 29),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            assertThat(AuditWriter.sqliteText(time)).isEqualTo(Timestamp.valueOf(time).toString());
        }
    }

    @Test
    void transaction_ids_are_random_version_4_uuids() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = AuditWriter.transactionId();
            java.util.UUID uuid = java.util.UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }
}
