package dev.kysera.cli.internal;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kysera completion}: picocli's completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash completion script (zsh too, after 'autoload -U +X bashcompinit && bashcompinit').",
                "Use: source <(kysera completion), or save it under /etc/bash_completion.d/kysera."})
final class CompletionCommand implements Callable<Integer> {

    private final Context context;

    @Spec
    CommandSpec spec;

    CompletionCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.result("", AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        return 0;
    }
}
