package dev.kysera.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code kysera}: the command groups. */
@Command(name = "kysera", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Kysera for Java: migrations, introspection, seeds, health, audit, soft delete, code generation.",
        subcommands = {MigrateCommand.class, DbCommand.class, HealthCommand.class, AuditCommand.class, SoftDeleteCommand.class,
                GenerateCommand.class, InitCommand.class, CompletionCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0 ok   1 command failed   2 usage error   3 configuration error",
                "  4 database unreachable   5 migration lock busy   6 health degraded",
                "",
                "Configuration: kysera.yaml or kysera.properties, then KYSERA_* environment variables, then flags."})
final class RootCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** The version from the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = RootCommand.class.getResourceAsStream("/dev/kysera/cli/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"kysera " + properties.getProperty("version", "unknown")};
        }
    }
}
