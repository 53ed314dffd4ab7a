package dev.kysera.executor;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.ForeignKeyException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import org.jooq.exception.DataAccessException;

class ErrorTranslationTest {

    @MatrixTest
    void database_errors_arrive_typed_through_plain_dsl_and_transactions(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl(), new TestPlugins.SoftDelete(false));
        executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@example.com", "a").execute();
        assertThatThrownBy(() -> executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@example.com", "b").execute())
                .isInstanceOf(UniqueConstraintException.class).hasCauseInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> executor.withoutPlugins().transaction(tx ->
                tx.dsl().insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(424_242L, "orphan").execute()))
                .isInstanceOf(ForeignKeyException.class);
        Executor untranslated = Executor.builder().dsl(db.dsl()).translateErrors(false).build();
        assertThatThrownBy(() -> untranslated.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@example.com", "c").execute())
                .isInstanceOf(DataAccessException.class);
    }
}
