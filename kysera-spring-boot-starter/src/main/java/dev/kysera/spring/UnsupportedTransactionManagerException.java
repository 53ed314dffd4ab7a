package dev.kysera.spring;

/**
 * The application's {@code PlatformTransactionManager} is not one Kysera can join: only a
 * {@code DataSourceTransactionManager} (Spring Boot's default {@code JdbcTransactionManager} is one)
 * on the executor's {@code DataSource} binds the JDBC connection Kysera's statements must use. With
 * any other manager — JTA, JPA, a custom one — Kysera's statements would run on a separate
 * connection, outside {@code @Transactional}, so the application does not start.
 */
public final class UnsupportedTransactionManagerException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The refused manager's class name. */
    private final String managerClass;

    /**
     * A refusal of the manager of class {@code managerClass}.
     *
     * @param managerClass the refused manager's class name
     * @param reason       why it cannot be joined
     */
    public UnsupportedTransactionManagerException(String managerClass, String reason) {
        super("Kysera cannot join the transactions of " + managerClass + ": " + reason + ". Kysera's statements would run on a "
                + "separate connection, outside @Transactional. Use a DataSourceTransactionManager (Spring Boot's JdbcTransactionManager) "
                + "on the application's DataSource, or declare your own Executor bean");
        this.managerClass = managerClass;
    }

    /**
     * The refused manager's class name.
     *
     * @return the fully qualified class name
     */
    public String managerClass() {
        return managerClass;
    }
}
