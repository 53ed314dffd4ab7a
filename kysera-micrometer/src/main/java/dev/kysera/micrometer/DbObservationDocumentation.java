package dev.kysera.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations {@link MicrometerPlugin} makes and the keys they carry, named after the
 * OpenTelemetry semantic conventions for database clients where one exists ({@code kysera.*}
 * otherwise).
 *
 * <p>Low-cardinality keys become metric tags, so each has a bounded set of values and is always
 * present ({@value #NONE} when unknown), as registries such as Prometheus require one tag set per
 * meter name. High-cardinality keys go on spans only.
 */
public enum DbObservationDocumentation implements ObservationDocumentation {

    /** One statement or JDBC batch: its SQL ran, failed, or was refused before it was sent. */
    STATEMENT {
        @Override
        public String getName() {
            return "db.client.operation";
        }

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultStatementObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return StatementLowCardinalityKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return StatementHighCardinalityKeys.values();
        }
    },

    /** One transaction begun through the executor, from begin to commit or rollback (its savepoints are its children). */
    TRANSACTION {
        @Override
        public String getName() {
            return "db.client.transaction";
        }

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultTransactionObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return TransactionLowCardinalityKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return TransactionHighCardinalityKeys.values();
        }
    },

    /**
     * One savepoint (a nested {@code transaction(…)} call), from its begin to its release or
     * rollback: a child of its transaction's observation (or of the savepoint it is nested in),
     * with the same keys as a transaction.
     */
    SAVEPOINT {
        @Override
        public String getName() {
            return "db.client.savepoint";
        }

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultTransactionObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return TransactionLowCardinalityKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return TransactionHighCardinalityKeys.values();
        }
    };

    /** The value of a low-cardinality key whose value is unknown or absent (success has {@code error.type=none}). */
    public static final String NONE = "none";

    /** The {@code db.collection.name} tag of tables beyond {@link MicrometerOptions#maxCollectionNames()}. */
    public static final String OTHER = "_OTHER";

    /** Statement keys that become metric tags. */
    public enum StatementLowCardinalityKeys implements KeyName {
        /** {@code postgresql}, {@code mariadb}, {@code mysql}, {@code sqlite}, {@code h2database}, … ({@code other_sql}). */
        DB_SYSTEM_NAME("db.system.name"),
        /** The database, for PostgreSQL {@code database|schema}, as the connection reported it. */
        DB_NAMESPACE("db.namespace"),
        /** {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}, {@code BATCH INSERT}, a DDL keyword, … */
        DB_OPERATION_NAME("db.operation.name"),
        /** The written table, else the first table read; bounded by {@link MicrometerOptions#maxCollectionNames()}. */
        DB_COLLECTION_NAME("db.collection.name"),
        /** The SQLSTATE of a failed statement, when the driver gave one. */
        DB_RESPONSE_STATUS_CODE("db.response.status_code"),
        /** The Kysera error code of the failure ({@code UNIQUE_VIOLATION}, {@code ACCESS_DENIED}, …), else its class name. */
        ERROR_TYPE("error.type"),
        /** The database host, from the JDBC URL. */
        SERVER_ADDRESS("server.address"),
        /** The database port, from the JDBC URL (the driver's default when the URL has none). */
        SERVER_PORT("server.port");

        private final String key;

        StatementLowCardinalityKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Statement keys recorded on spans only. */
    public enum StatementHighCardinalityKeys implements KeyName {
        /** {@code <operation> <tables…>}, like {@code SELECT users posts}; also the span name. */
        DB_QUERY_SUMMARY("db.query.summary"),
        /** The SQL as sent, with bind markers; only with {@link MicrometerOptions#includeQueryText()}. */
        DB_QUERY_TEXT("db.query.text"),
        /** Rows a SELECT returned. */
        DB_RESPONSE_RETURNED_ROWS("db.response.returned_rows"),
        /** Executions of a JDBC batch (2 or more). */
        DB_OPERATION_BATCH_SIZE("db.operation.batch.size"),
        /** Rows an INSERT, UPDATE, DELETE or MERGE affected, as the driver reported. */
        AFFECTED_ROWS("kysera.db.affected_rows"),
        /** The plugins that changed or judged the statement, comma-separated in run order. */
        PLUGINS("kysera.plugins"),
        /** What the caller wrote when a plugin changed it (a soft delete: {@code DELETE}, run as an UPDATE). */
        WRITTEN_OPERATION("kysera.written_operation"),
        /** The executor's id of the transaction the statement ran in. */
        TRANSACTION_ID("kysera.transaction.id"),
        /**
         * {@code true} when the statement failed before it was executed: refused by a plugin or the
         * executor, or rejected while being prepared (SQLite compiles at prepare time). Absent otherwise.
         */
        FAILED_BEFORE_EXECUTION("kysera.failed_before_execution");

        private final String key;

        StatementHighCardinalityKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Transaction and savepoint keys that become metric tags. */
    public enum TransactionLowCardinalityKeys implements KeyName {
        /** As for statements. */
        DB_SYSTEM_NAME("db.system.name"),
        /** As for statements. */
        DB_NAMESPACE("db.namespace"),
        /** {@code commit} (for a savepoint: released) or {@code rollback} ({@code none} while open). */
        OUTCOME("kysera.transaction.outcome"),
        /** Why it rolled back: the Kysera error code, else the class name of the cause. */
        ERROR_TYPE("error.type"),
        /**
         * The isolation level the executor began the transaction with: {@code read_uncommitted},
         * {@code read_committed}, {@code repeatable_read}, {@code serializable}; {@code none} for the
         * connection's default and for adopted transactions. A savepoint has its transaction's.
         */
        ISOLATION("kysera.transaction.isolation"),
        /** {@code true} or {@code false}: whether it was begun read-only; {@code none} for adopted transactions. */
        READ_ONLY("kysera.transaction.read_only"),
        /** As for statements. */
        SERVER_ADDRESS("server.address"),
        /** As for statements. */
        SERVER_PORT("server.port");

        private final String key;

        TransactionLowCardinalityKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Transaction and savepoint keys recorded on spans only. */
    public enum TransactionHighCardinalityKeys implements KeyName {
        /** The executor's id of the transaction. */
        TRANSACTION_ID("kysera.transaction.id"),
        /** 0 for a transaction, 1 for a savepoint in it, and so on. */
        DEPTH("kysera.transaction.depth"),
        /** Statements observed in it (for a transaction, its savepoints' included). */
        STATEMENTS("kysera.transaction.statements");

        private final String key;

        TransactionHighCardinalityKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }
}
