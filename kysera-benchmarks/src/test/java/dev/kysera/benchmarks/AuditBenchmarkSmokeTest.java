package dev.kysera.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs each audit benchmark once outside JMH, on SQLite: every variant writes, and only the audited ones write entries. */
class AuditBenchmarkSmokeTest {

    @Test
    void every_variant_writes_and_only_the_audited_executor_records_entries() throws Exception {
        AuditBenchmark benchmark = new AuditBenchmark();
        benchmark.database = "sqlite";
        benchmark.setUp();
        try {
            assertThat(benchmark.auditUpdate_jdbcReused()).isEqualTo(1);
            assertThat(benchmark.auditUpdate_jooq()).isEqualTo(1);
            assertThat(benchmark.auditUpdate_kysera()).isEqualTo(1);
            assertThat(benchmark.auditInsert_jdbcReused()).isEqualTo(1);
            assertThat(benchmark.auditInsert_jooq()).isEqualTo(1);
            assertThat(benchmark.auditInsert_kysera()).isEqualTo(1);
            assertThat(benchmark.auditInsertMany_jdbcReused()).isEqualTo(AuditBenchmark.MANY);
            assertThat(benchmark.auditInsertMany_jooq()).isEqualTo(AuditBenchmark.MANY);
            assertThat(benchmark.auditInsertMany_kysera()).isEqualTo(AuditBenchmark.MANY);
            assertThat(benchmark.auditEntries()).isZero();

            assertThat(benchmark.auditUpdate_kyseraAudit()).isEqualTo(1);
            assertThat(benchmark.auditInsert_kyseraAudit()).isEqualTo(1);
            assertThat(benchmark.auditInsertMany_kyseraAudit()).isEqualTo(AuditBenchmark.MANY);
            assertThat(benchmark.auditEntries()).isEqualTo(1 + 1 + AuditBenchmark.MANY);
            assertThat(benchmark.nameOf(BenchDatabase.USERS + 1)).isEqualTo("b" + (BenchDatabase.USERS + 1));
            benchmark.cleanUp();
            assertThat(benchmark.auditEntries()).isZero();
        } finally {
            benchmark.tearDown();
        }
    }
}
