package dev.kysera.benchmarks;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/** The check the write smoke tests share: what a create variant must have stored. */
final class StoredUsers {

    /**
     * When the class's tests began, in the earlier of UTC and the system zone: the timestamps plugin
     * stamps in UTC, hand-written variants and Hibernate in the system zone.
     */
    private final LocalDateTime started = earliest(LocalDateTime.now(ZoneOffset.UTC), LocalDateTime.now()).minusSeconds(1);

    /**
     * Every created row is live, was stamped since the tests began (by hand, by the ORM or by a
     * plugin) with {@code updated_at} no earlier than {@code created_at}, belongs to {@code tenant}
     * when one is given, and nothing else was stored.
     */
    void assertStored(DSLContext jooq, String variant, List<Long> ids, Integer tenant) {
        LocalDateTime now = latest(LocalDateTime.now(ZoneOffset.UTC), LocalDateTime.now());
        var rows = jooq.select(USERS.TENANT_ID, USERS.CREATED_AT, USERS.UPDATED_AT, USERS.DELETED_AT)
                .from(USERS).where(USERS.ID.in(ids)).fetch();
        assertThat(rows).as(variant).hasSize(ids.size()).allSatisfy(row -> {
            if (tenant != null) {
                assertThat(row.get(USERS.TENANT_ID)).isEqualTo(tenant);
            }
            assertThat(row.get(USERS.CREATED_AT)).isBetween(started, now);
            // Hibernate stamps the two columns one after the other; everyone else with one instant
            assertThat(row.get(USERS.UPDATED_AT)).isBetween(row.get(USERS.CREATED_AT), now);
            assertThat(row.get(USERS.DELETED_AT)).isNull();
        });
        assertThat(jooq.fetchCount(USERS)).as(variant).isEqualTo(BenchDatabase.USERS + ids.size());
    }

    private static LocalDateTime earliest(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDateTime latest(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
