package dev.kysera.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL primary and a streaming replica of it ({@code initdb}, {@code pg_basebackup -R}),
 * from the machine's PostgreSQL binaries, in a temp directory on free loopback ports. Every wait is
 * bounded; {@link #close()} (or, should a test run never get there, a JVM shutdown hook) stops both
 * (immediate mode); close also deletes the directory. As root the servers run as the
 * {@code postgres} user (PostgreSQL refuses to run as root).
 */
final class StreamingReplica implements ReplicaPair {

    private static final long STEP_SECONDS = 60;

    private final Path bin;
    private final Path dir;
    private final boolean root;
    final int primaryPort;
    final int replicaPort;
    private final List<Path> started = new ArrayList<>();
    private final Thread onExit = new Thread(this::stopAll, "stop-streaming-replica");

    private StreamingReplica(Path bin, Path dir, boolean root, int primaryPort, int replicaPort) {
        this.bin = bin;
        this.dir = dir;
        this.root = root;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    /** Starts a primary and a replica streaming from it; fails (never skips) if the binaries are missing. */
    static StreamingReplica start() throws Exception {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("pg_basebackup")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries in /usr/lib/postgresql/*/bin"));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("kysera-replica");
        StreamingReplica nodes = new StreamingReplica(bin, dir, root, Nodes.freePort(), Nodes.freePort());
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
        if (root) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        Path primary = dir.resolve("primary");
        Path replica = dir.resolve("replica");
        pg("initdb", "-D", primary.toString(), "-U", "postgres", "-A", "trust", "--no-sync");
        Files.writeString(primary.resolve("postgresql.conf"), settings(primaryPort), java.nio.file.StandardOpenOption.APPEND);
        startServer(primary);
        pg("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(primaryPort), "-U", "postgres", "-D", replica.toString(),
                "-R", "-X", "stream", "--no-sync");
        // The copy carries the primary's settings; the last port= line wins.
        Files.writeString(replica.resolve("postgresql.conf"), "port=" + replicaPort + "\n", java.nio.file.StandardOpenOption.APPEND);
        startServer(replica);
    }

    private String settings(int port) {
        return "\nport=" + port + "\nlisten_addresses='127.0.0.1'\nunix_socket_directories='" + dir
                + "'\nwal_level=replica\nfsync=off\nmax_connections=20\nshared_buffers=16MB\n";
    }

    private void startServer(Path data) throws Exception {
        pg("pg_ctl", "-D", data.toString(), "-l", data + ".log", "-w", "-t", "30", "start");
        started.add(data);
    }

    @Override
    public String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres?user=postgres";
    }

    @Override
    public String replicaUrl() {
        return "jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres?user=postgres";
    }

    /** Stops the primary (fast mode): the replica loses its WAL sender. */
    void stopPrimary() throws Exception {
        Path primary = dir.resolve("primary");
        pg("pg_ctl", "-D", primary.toString(), "-m", "fast", "-w", "-t", "30", "stop");
        started.remove(primary);
    }

    private void pg(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws Exception {
        Nodes.run(command, STEP_SECONDS);
    }

    /** Stops both servers (immediate mode) and deletes the directory. */
    @Override
    public void close() throws Exception {
        stopAll();
        Nodes.removeHook(onExit);
        Nodes.delete(dir);
    }

    private void stopAll() {
        for (Path data : List.copyOf(started).reversed()) {
            try {
                pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop");
            } catch (Exception ignored) {
                // Best effort: the next node is still stopped, and the directory still removed.
            }
        }
        started.clear();
    }
}
