package dev.kysera.timestamps;

import dev.kysera.core.temporal.TimestampStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.TableReference;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** Options and table selection, without a database. */
class TimestampsOptionsTest {

    private static TableReference reference(org.jooq.Table<?> table) {
        return new TableReference(null, table.getName().toLowerCase(), table.getQualifiedName(), table);
    }

    @Test
    void defaults() {
        TimestampsOptions options = TimestampsOptions.defaults();
        assertThat(options.name()).isEqualTo("timestamps");
        assertThat(options.createdColumn()).contains("created_at");
        assertThat(options.updatedColumn()).contains("updated_at");
        assertThat(options.overwriteExplicit()).isFalse();
        assertThat(options.updatedOnInsert()).isTrue();
        assertThat(options.storage()).isEqualTo(TimestampStorage.AUTO);
        assertThat(options.clock().getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(options.tables().include()).isEmpty();
        assertThat(TimestampsPlugin.create().name()).isEqualTo("timestamps");
        assertThat(TimestampsPlugin.create().priority()).isEqualTo(100);
    }

    @Test
    void invalid_options_are_refused_when_built() {
        assertThatThrownBy(() -> TimestampsOptions.builder().withoutCreatedColumn().withoutUpdatedColumn().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither");
        assertThatThrownBy(() -> TimestampsOptions.builder().createdColumn("stamp").updatedColumn("STAMP").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
        assertThatThrownBy(() -> TimestampsOptions.builder().createdColumn("created_at; drop table users").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimestampsOptions.builder().name(" ").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void to_builder_keeps_every_option() {
        Clock clock = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
        TimestampsOptions options = TimestampsOptions.builder().name("n").createdColumn("made").withoutUpdatedColumn()
                .tables("a").excludeTables("b").overwriteExplicit(true).updatedOnInsert(false)
                .storage(TimestampStorage.EPOCH_MILLIS).clock(clock).priority(7).build();
        TimestampsOptions copy = options.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(options.toString());
        assertThat(copy.tables().include()).isEqualTo(Set.of("a"));
        assertThat(copy.tables().exclude()).isEqualTo(Set.of("b"));
        assertThat(copy.updatedColumn()).isEmpty();
        assertThat(copy.clock()).isSameAs(clock);
    }

    @Test
    void tables_are_selected_by_metadata_or_by_name() {
        var withBoth = DSL.table(DSL.name("with_both"));
        TimestampsPlugin defaults = TimestampsPlugin.create();
        // No metadata: only when listed.
        assertThat(defaults.appliesTo(reference(withBoth))).isFalse();
        assertThat(TimestampsOptions.builder().tables("WITH_BOTH").plugin().appliesTo(reference(withBoth))).isTrue();

        Fixtures.Events<Long> events = new Fixtures.Events<>("events", SQLDataType.BIGINT);
        assertThat(defaults.appliesTo(reference(events))).isTrue();
        assertThat(defaults.appliesTo(reference(events.as("e")))).isTrue();
        assertThat(TimestampsOptions.builder().excludeTables("Events").plugin().appliesTo(reference(events))).isFalse();
        // Metadata without either column: never, even when listed.
        var tags = dev.kysera.testsupport.schema.Tables.TAGS;
        assertThat(defaults.appliesTo(reference(tags))).isFalse();
        assertThat(TimestampsOptions.builder().tables("tags").plugin().appliesTo(reference(tags))).isFalse();
        // One of the two columns is enough.
        assertThat(TimestampsOptions.builder().createdColumn("name").withoutUpdatedColumn().plugin().appliesTo(reference(tags))).isTrue();
    }
}
