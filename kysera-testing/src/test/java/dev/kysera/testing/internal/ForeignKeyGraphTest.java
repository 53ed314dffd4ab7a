package dev.kysera.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.dialect.ForeignKeyInfo;
import dev.kysera.core.error.BadRequestException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForeignKeyGraphTest {

    // the shared test schema: posts -> users, post_tags -> posts, post_tags -> tags, categories -> categories
    private final ForeignKeyGraph graph = new ForeignKeyGraph("s", List.of(
            new ForeignKeyInfo("s", "posts", "users"),
            new ForeignKeyInfo("s", "post_tags", "posts"),
            new ForeignKeyInfo("s", "post_tags", "tags"),
            new ForeignKeyInfo("s", "categories", "categories")));

    @Test
    void referencing_tables_are_added_transitively_but_referenced_ones_are_not() {
        assertThat(graph.withReferencingTables(List.of("users"))).containsExactlyInAnyOrder("users", "posts", "post_tags");
        assertThat(graph.withReferencingTables(List.of("tags"))).containsExactlyInAnyOrder("tags", "post_tags");
        assertThat(graph.withReferencingTables(List.of("categories"))).containsExactly("categories");
        assertThat(graph.withReferencingTables(List.of("settings"))).containsExactly("settings");
    }

    @Test
    void children_come_before_their_parents() {
        List<String> order = graph.childrenFirst(Set.of("users", "posts", "post_tags", "tags", "categories", "settings"));
        assertThat(order).containsExactlyInAnyOrder("users", "posts", "post_tags", "tags", "categories", "settings");
        assertThat(order.indexOf("post_tags")).isLessThan(order.indexOf("posts")).isLessThan(order.indexOf("tags"));
        assertThat(order.indexOf("posts")).isLessThan(order.indexOf("users"));
    }

    @Test
    void cycles_still_give_every_table_once() {
        ForeignKeyGraph cyclic = new ForeignKeyGraph("s", List.of(new ForeignKeyInfo("s", "a", "b"), new ForeignKeyInfo("s", "b", "a")));
        assertThat(cyclic.withReferencingTables(List.of("a"))).containsExactlyInAnyOrder("a", "b");
        assertThat(cyclic.childrenFirst(Set.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void a_delete_order_puts_referencing_tables_first_and_refuses_cycles() {
        assertThat(graph.deleteOrder(Set.of("users", "posts", "post_tags", "tags")))
                .containsExactly("post_tags", "posts", "tags", "users");
        ForeignKeyGraph cyclic = new ForeignKeyGraph("s", List.of(new ForeignKeyInfo("s", "a", "b"), new ForeignKeyInfo("s", "b", "a"),
                new ForeignKeyInfo("s", "c", "a")));
        assertThatThrownBy(() -> cyclic.deleteOrder(Set.of("a", "b", "c")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("Tables reference each other in a cycle among [a, b]: no delete order exists; use Cleaning.TRUNCATE or RECREATE_SCHEMA");
    }

    @Test
    void a_kept_table_that_references_an_emptied_one_is_refused() {
        assertThatThrownBy(() -> graph.requireNoKeptReferrers(Set.of("users", "tags", "post_tags")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'users'").hasMessageContaining("'posts'");
        graph.requireNoKeptReferrers(Set.of("posts", "post_tags", "categories"));
    }

    @Test
    void a_reference_from_another_schema_is_refused() {
        ForeignKeyGraph crossSchema = new ForeignKeyGraph("s", List.of(new ForeignKeyInfo("other", "orders", "users")));
        assertThatThrownBy(() -> crossSchema.withReferencingTables(List.of("users")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("other.orders");
        assertThatThrownBy(() -> crossSchema.requireNoKeptReferrers(Set.of("users")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("other.orders");
    }
}
