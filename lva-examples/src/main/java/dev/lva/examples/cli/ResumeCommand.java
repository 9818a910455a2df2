package dev.lva.examples.cli;

import dev.lva.core.data.ImageStreaming;
import dev.lva.examples.Lva;
import dev.lva.run.LvaRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lva resume}: continue an interrupted (or finished) run from one of its checkpoints. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a run from one of its checkpoints, exactly as if it had not stopped.",
                "The checkpoint carries the data's place, the scaling, the model, the optimizer's state, the"
                        + " shuffling and the convergence rule's windows, so the parameters end as an uninterrupted"
                        + " run's would."})
public final class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "A checkpoint of lva fit or demo (OUT/checkpoints/checkpoint-*.zip or OUT/model.zip).")
    Path checkpoint;

    @Option(names = "--epochs", description = "Total epochs to reach (default: the run's own).")
    Integer epochs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the run's own).")
    Path out;

    @Option(names = "--data", paramLabel = "FILE",
            description = "The training data, if it has moved (default: where the run read it).")
    Path data;

    @Option(names = "--stream", paramLabel = "auto|always|never", description = "Read the images from their file a"
            + " batch at a time (always), into memory (never), or as their size says (auto) (default: as the run did)."
            + " The training continues exactly either way; the analysis of images read from the file sees a sample.")
    String stream;

    @Option(names = LvaRun.ACCEPT_CHANGED_DATA, description = {"Continue even if the data differ from those the run"
            + " trained on (the checkpoint keeps their digest; a reordered, cut or edited file is refused without this).",
            "The run is then no exact continuation; its summary.json (data_changed) and report say where the data"
            + " changed."})
    boolean acceptChangedData;

    @Override
    public Integer call() {
        lva.configure();
        LvaRun.Result result = LvaRun.resume(checkpoint, epochs, out, data,
                stream == null ? null : ImageStreaming.parse(stream), acceptChangedData, lva.plugins(),
                ProgressDisplay.on(System.err));
        return lva.finish(result, spec.commandLine().getOut());
    }
}
