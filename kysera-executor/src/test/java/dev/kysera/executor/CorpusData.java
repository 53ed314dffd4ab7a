package dev.kysera.executor;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.testsupport.TestDatabase;
import org.jooq.DSLContext;

/**
 * The corpus's rows, written without plugins. Tenant 1 sees alice, dave and eve (bob is
 * soft-deleted, carol is tenant 2); of the posts it sees p1 (alice) and p4 (dave).
 */
final class CorpusData {

    // Explicit keys far above what identity columns generate during a test run.
    static final long ALICE = 1001, BOB = 1002, CAROL = 1003, DAVE = 1004, EVE = 1005;

    private CorpusData() {
    }

    static void seed(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = db.dsl();
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID, USERS.DELETED_AT)
                .values(1001L, "alice@example.com", "alice", 1, null)
                .values(1002L, "bob@example.com", "bob", 1, TestPlugins.STAMP)
                .values(1003L, "carol@example.com", "carol", 2, null)
                .values(1004L, "dave@example.com", "dave", 1, null)
                .values(1005L, "eve@example.com", "eve", 1, null)
                .execute();
        dsl.insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID, POSTS.DELETED_AT)
                .values(2001L, 1001L, "p1", 1, null)
                .values(2002L, 1001L, "p2", 1, TestPlugins.STAMP)
                .values(2003L, 1003L, "p3", 2, null)
                .values(2004L, 1004L, "p4", 1, null)
                .values(2005L, 1002L, "p5", 1, null)
                .execute();
    }
}
