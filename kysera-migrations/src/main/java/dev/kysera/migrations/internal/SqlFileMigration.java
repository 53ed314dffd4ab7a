package dev.kysera.migrations.internal;

import dev.kysera.migrations.InvalidMigrationException;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationContext;
import dev.kysera.migrations.MigrationVersion;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.SQLDialect;

/** A migration read from a SQL file with {@code -- kysera:up} and optional {@code -- kysera:down} sections. */
public final class SqlFileMigration extends NamedMigration {

    private static final String DIRECTIVE = "-- kysera:";

    private final String location;
    private final List<String> up;
    private final List<String> down;
    private final boolean transactional;

    private SqlFileMigration(MigrationVersion version, String name, String location, List<String> up, List<String> down,
            boolean transactional) {
        super(version, name);
        this.location = location;
        this.up = List.copyOf(up);
        this.down = down == null ? null : List.copyOf(down);
        this.transactional = transactional;
    }

    /** Parses the file's sections and statements. */
    static SqlFileMigration parse(MigrationVersion version, String name, SqlResource resource, SQLDialect dialect) {
        String text = resource.text().replace("\r\n", "\n").replace('\r', '\n');
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        StringBuilder upText = null;
        StringBuilder downText = null;
        StringBuilder current = null;
        boolean transactional = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            int lineNumber = i + 1;
            if (stripped.startsWith(DIRECTIVE)) {
                String directive = stripped.substring(DIRECTIVE.length()).strip().toLowerCase(Locale.ROOT);
                switch (directive) {
                    case "up" -> {
                        if (upText != null) {
                            throw malformed(resource, lineNumber, "a second '-- kysera:up' section");
                        }
                        upText = new StringBuilder();
                        current = upText;
                    }
                    case "down" -> {
                        if (upText == null) {
                            throw malformed(resource, lineNumber, "'-- kysera:down' before '-- kysera:up'");
                        }
                        if (downText != null) {
                            throw malformed(resource, lineNumber, "a second '-- kysera:down' section");
                        }
                        downText = new StringBuilder();
                        current = downText;
                    }
                    case "no-transaction" -> {
                        if (upText != null) {
                            throw malformed(resource, lineNumber, "'-- kysera:no-transaction' must come before '-- kysera:up'");
                        }
                        transactional = false;
                    }
                    default -> throw malformed(resource, lineNumber, "unknown directive '" + stripped
                            + "' (known: -- kysera:up, -- kysera:down, -- kysera:no-transaction)");
                }
            } else if (current == null) {
                if (!stripped.isEmpty() && !stripped.startsWith("--")) {
                    throw malformed(resource, lineNumber, "SQL before the '-- kysera:up' line");
                }
            } else {
                current.append(line).append('\n');
            }
        }
        if (upText == null) {
            throw malformed(resource, 0, "no '-- kysera:up' section");
        }
        List<String> up = SqlSplitter.split(upText.toString(), dialect);
        if (up.isEmpty()) {
            throw malformed(resource, 0, "the up section has no statements");
        }
        List<String> down = downText == null ? null : SqlSplitter.split(downText.toString(), dialect);
        if (down != null && down.isEmpty()) {
            throw malformed(resource, 0, "the down section has no statements (leave '-- kysera:down' out if there is no down step)");
        }
        return new SqlFileMigration(version, name, resource.location(), up, down, transactional);
    }

    private static InvalidMigrationException malformed(SqlResource resource, int line, String problem) {
        return new InvalidMigrationException("Malformed SQL migration " + resource.location()
                + (line > 0 ? " at line " + line : "") + ": " + problem);
    }

    @Override
    public void up(MigrationContext context) {
        up.forEach(context::execute);
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        if (down == null) {
            throw noDownStep();
        }
        down.forEach(context::execute);
    }

    @Override
    public boolean isReversible() {
        return down != null;
    }

    @Override
    public boolean isTransactional() {
        return transactional;
    }

    /** The SHA-256 of the up statements (and whether they run in a transaction): editing comments between statements or the down section does not change it. */
    @Override
    public Optional<String> checksum() {
        List<String> covered = new java.util.ArrayList<>(up);
        if (!transactional) {
            covered.add(DIRECTIVE + "no-transaction");
        }
        return Optional.of(Checksums.of(covered));
    }

    /** Where the file was found. */
    public String location() {
        return location;
    }

    /** The up statements. */
    public List<String> upStatements() {
        return up;
    }

    @Override
    public String toString() {
        return "SqlMigration[" + version() + " " + name() + ", " + location + "]";
    }
}
