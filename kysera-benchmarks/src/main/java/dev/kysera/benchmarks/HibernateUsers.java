package dev.kysera.benchmarks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serial;
import java.sql.Connection;
import java.time.LocalDateTime;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.SQLRestriction;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.jooq.SQLDialect;

/**
 * The Hibernate 7 side of {@link PeerBenchmark}: users and posts as mapped entities, the way a
 * Hibernate user maps them — soft delete as {@code @SQLRestriction("deleted_at is null")},
 * timestamps as {@code @CreationTimestamp}/{@code @UpdateTimestamp}, identity ids — and a
 * {@link SessionFactory} without second-level or query cache over the benchmark's connection
 * (SQLite) or HikariCP pool (PostgreSQL).
 */
public final class HibernateUsers {

    private HibernateUsers() {
    }

    /** A row of {@code users}; soft-deleted rows are invisible to every load and query. */
    @Entity(name = "UserEntity")
    @Table(name = "users")
    @SQLRestriction("deleted_at is null")
    public static class UserEntity {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String email;
        String name;
        @CreationTimestamp
        @Column(name = "created_at")
        LocalDateTime createdAt;
        @UpdateTimestamp
        @Column(name = "updated_at")
        LocalDateTime updatedAt;

        /** For Hibernate. */
        public UserEntity() {
        }

        UserEntity(String email, String name) {
            this.email = email;
            this.name = name;
        }

        Rows.UserRow row() {
            return new Rows.UserRow(id, email, name);
        }
    }

    /** A row of {@code posts}, joined to its user by {@code userId} (no association: the join says how). */
    @Entity(name = "PostEntity")
    @Table(name = "posts")
    @SQLRestriction("deleted_at is null")
    public static class PostEntity {
        @Id
        Long id;
        @Column(name = "user_id")
        Long userId;
        String title;

        /** For Hibernate. */
        public PostEntity() {
        }
    }

    /** A session factory over the database's single connection (SQLite) or its pool (PostgreSQL). */
    static SessionFactory sessionFactory(BenchDatabase db, Connection single) {
        StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
                .applySetting(AvailableSettings.USE_QUERY_CACHE, false)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.SHOW_SQL, false);
        if (db.dialect().family() == SQLDialect.SQLITE) {
            settings.applySetting(AvailableSettings.DIALECT, SQLiteDialect.class.getName())
                    .applySetting(AvailableSettings.CONNECTION_PROVIDER, new HeldConnection(single));
        } else {
            settings.applySetting(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName())
                    .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.dataSource());
        }
        StandardServiceRegistry registry = settings.build();
        try {
            return new MetadataSources(registry).addAnnotatedClass(UserEntity.class).addAnnotatedClass(PostEntity.class)
                    .buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** Hands Hibernate SQLite's one in-memory connection, which must stay open for the whole trial. */
    private static final class HeldConnection implements ConnectionProvider {
        @Serial
        private static final long serialVersionUID = 1L;
        private final transient Connection connection;

        HeldConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Connection getConnection() {
            return connection;
        }

        @Override
        public void closeConnection(Connection given) {
            // kept open: closing it would drop the in-memory database
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return false;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> type) {
            return false;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException("HeldConnection unwraps to nothing, asked for " + type.getName());
        }
    }
}
