package dev.kysera.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway MariaDB primary (binary log on, server id 1) and replicas of it (server ids 2, 3, …,
 * {@code --read-only}), from the machine's binaries ({@code mariadb-install-db}, {@code mariadbd},
 * the {@code mariadb} client), in a temp directory on free loopback ports. All run as child
 * processes of the JVM ({@code --user=root}: mariadbd refuses root without it), stopped by
 * {@link #close()} and, should a test run never get there, by a JVM shutdown hook. Every wait is
 * bounded. Tests connect over TCP as {@code kysera} with all privileges, created on each node
 * outside the binary log so the replicas do not replay it; database {@code app} is replicated.
 */
final class MariaDbReplica implements ReplicaPair {

    private static final long STEP_SECONDS = 60;

    private final Path dir;
    final int primaryPort;
    final int replicaPort;
    private final int replicaCount;
    private final List<Process> servers = new ArrayList<>();
    private final Thread onExit = new Thread(this::kill, "kill-mariadb-replica");

    private final List<Integer> extraPorts = new ArrayList<>();

    private MariaDbReplica(Path dir, int primaryPort, int replicaPort, int replicaCount) {
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
        this.replicaCount = replicaCount;
    }

    /**
     * Starts a primary and {@code replicas} (at least 1) replicating from it; fails (never skips) if the
     * binaries are missing. The first replica is {@link #replicaUrl()}, the others {@link #replicaUrl(int)}.
     */
    static MariaDbReplica start(int replicas) throws Exception {
        MariaDbReplica nodes = new MariaDbReplica(Files.createTempDirectory("kysera-mariadb"), Nodes.freePort(), Nodes.freePort(), replicas);
        Runtime.getRuntime().addShutdownHook(nodes.onExit);
        try {
            nodes.boot();
            return nodes;
        } catch (Exception | Error failed) {
            nodes.close();
            throw failed;
        }
    }

    private void boot() throws Exception {
        Path primary = dir.resolve("primary");
        Nodes.run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + primary, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db"), STEP_SECONDS);
        // A copy of a fresh data directory is a fresh server: one install (the slow step) serves all.
        for (int n = 1; n <= replicaCount; n++) {
            Nodes.run(List.of("cp", "-a", primary.toString(), dir.resolve(replicaName(n)).toString()), STEP_SECONDS);
        }
        startServer("primary", primaryPort, 1, "--log-bin=binlog", "--binlog-format=ROW");
        String user = "SET sql_log_bin = 0; CREATE USER 'kysera'@'127.0.0.1'; GRANT ALL ON *.* TO 'kysera'@'127.0.0.1';";
        client("primary", user + " SET sql_log_bin = 1; CREATE DATABASE app;");
        for (int n = 1; n <= replicaCount; n++) {
            int port = n == 1 ? replicaPort : Nodes.freePort();
            if (n > 1) {
                extraPorts.add(port);
            }
            startServer(replicaName(n), port, n + 1, "--read-only");
            client(replicaName(n), user + " CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + primaryPort
                    + ", MASTER_USER = 'kysera', MASTER_USE_GTID = slave_pos; START SLAVE;");
        }
    }

    private static String replicaName(int n) {
        return n == 1 ? "replica" : "replica" + n;
    }

    private void startServer(String name, int port, int serverId, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("mariadbd", "--no-defaults", "--datadir=" + dir.resolve(name), "--user=root",
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + socket(name), "--pid-file=" + dir.resolve(name + ".pid"),
                "--log-error=" + dir.resolve(name + ".err"), "--server-id=" + serverId, "--skip-name-resolve",
                "--innodb-buffer-pool-size=16M", "--max-connections=30"));
        command.addAll(List.of(extra));
        servers.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
        while (true) {
            try {
                client(name, "SELECT 1");
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline || !servers.getLast().isAlive()) {
                    throw new IllegalStateException("MariaDB " + name + " did not start: " + Files.readString(dir.resolve(name + ".err")),
                            notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    private Path socket(String name) {
        return dir.resolve(name + ".sock");
    }

    /** Runs SQL as root over the node's Unix socket (root exists only for localhost). */
    private void client(String node, String sql) throws Exception {
        Nodes.run(List.of("mariadb", "--no-defaults", "-S", socket(node).toString(), "-uroot", "--connect-timeout=5", "-e", sql), 30);
    }

    /** Runs SQL as root on the first replica (e.g. {@code STOP SLAVE SQL_THREAD}). */
    void onReplica(String sql) throws Exception {
        onReplica(1, sql);
    }

    /** Runs SQL as root on replica {@code n} (from 1). */
    void onReplica(int n, String sql) throws Exception {
        client(replicaName(n), sql);
    }

    @Override
    public String primaryUrl() {
        return "jdbc:mariadb://127.0.0.1:" + primaryPort + "/app?user=kysera";
    }

    @Override
    public String replicaUrl() {
        return replicaUrl(1);
    }

    /** The URL of replica {@code n} (from 1). */
    String replicaUrl(int n) {
        return "jdbc:mariadb://127.0.0.1:" + (n == 1 ? replicaPort : extraPorts.get(n - 2)) + "/app?user=kysera";
    }

    /** Stops every server (SIGTERM, then SIGKILL after 30 s) and deletes the directory. */
    @Override
    public void close() throws Exception {
        kill();
        Nodes.removeHook(onExit);
        Nodes.delete(dir);
    }

    private void kill() {
        for (Process server : servers.reversed()) {
            server.destroy();
        }
        for (Process server : servers) {
            try {
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException interrupted) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
    }
}
