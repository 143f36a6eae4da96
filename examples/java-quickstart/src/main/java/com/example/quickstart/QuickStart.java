package com.example.quickstart;

import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Stage;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.spi.ReportSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Is an image clean enough for a stage, and until when? Arguments: STAGE INSTANT REPORT... */
public final class QuickStart {

    public static void main(String[] args) {
        Stage stage = Stage.of(args[0]);                                    // build, deploy, run
        Instant at = Instant.parse(args[1]);                                // 2025-01-20T00:00:00Z
        List<Path> files = Arrays.stream(args).skip(2).map(Path::of).toList();
        Verdict verdict = evaluate(stage, at, files, System.out);
        System.exit(verdict.outcome() == Outcome.FAIL ? 1 : 0);
    }

    static Verdict evaluate(Stage stage, Instant at, List<Path> files, PrintStream out) {
        // 1. Read the reports: the adapters on the class path are found, each file's format detected.
        ScannerAdapters adapters = ScannerAdapters.load();
        List<ScanReport> reports = files.stream().map(file -> adapters.read(ReportSource.of(file))).toList();

        // 2. One record of the image: its scan history, by every scanner, on every date.
        ImageRecord record = ImageRecord.of(reports);

        // 3. Evaluate the built-in default policy at the stage, at a fixed instant.
        PolicyEngine engine = PolicyEngine.of(Policies.defaults());
        Verdict verdict = engine.evaluate(record, stage, at);
        out.println(stage + " at " + at + ": " + verdict.outcome());
        verdict.violations().forEach(v -> out.println("  " + v.ruleId() + " " + v.effect() + ": " + v.message()));
        verdict.actions().forEach(action -> out.println("  to do: " + action));

        // 4. The forecast: when the verdict changes on its own, why, and what it becomes then.
        verdict.nextChange().ifPresentOrElse(change -> {
            Verdict then = engine.evaluate(record, stage, change.at());
            out.println("next change: " + change.at() + " => " + then.outcome() + ": " + change.reason());
        }, () -> out.println("next change: none"));
        return verdict;
    }
}
