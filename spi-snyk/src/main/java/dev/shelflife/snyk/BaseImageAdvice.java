package dev.shelflife.snyk;

import dev.shelflife.snyk.SnykJson.Advice;
import dev.shelflife.snyk.SnykJson.Remediation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Snyk's {@code docker.baseImageRemediation} in one line for
 * {@link dev.shelflife.BaseImage#scannerAdvice()}. The CLI prints the advice as tables meant for
 * a terminal; with the code {@code REMEDIATION_AVAILABLE} Snyk calls the base image outdated and
 * the tables after the first name the images it recommends, under headings such as
 * {@code Minor upgrades}.
 */
final class BaseImageAdvice {

    /** The code with which Snyk recommends another base image. */
    static final String OUTDATED = "REMEDIATION_AVAILABLE";

    private static final String TABLE_HEADER = "Base Image";

    private BaseImageAdvice() {}

    /**
     * Summarises the advice.
     *
     * @param remediation the advice
     * @param baseImage the current base image, which the tables also list, or {@code null}
     * @return {@code outdated: Snyk recommends alpine:3.14 (minor upgrades)} for
     *     {@code REMEDIATION_AVAILABLE}; otherwise the code and the messages, such as
     *     {@code UNTRACKED_NEW_OS: Note that we currently do not have …}
     */
    static String summary(Remediation remediation, String baseImage) {
        List<String> messages = messages(remediation);
        if (OUTDATED.equals(remediation.code())) {
            List<String> recommended = recommended(messages, baseImage);
            return "outdated: Snyk recommends "
                    + (recommended.isEmpty() ? "another base image" : String.join(", ", recommended));
        }
        String text = String.join(
                " ",
                messages.stream().map(m -> m.strip().replaceAll("\\s+", " ")).toList());
        if (SnykMapper.isBlank(remediation.code())) {
            return text;
        }
        return text.isEmpty() ? remediation.code() : remediation.code() + ": " + text;
    }

    private static List<String> messages(Remediation remediation) {
        List<String> messages = new ArrayList<>();
        if (remediation.advice() != null) {
            remediation.advice().stream()
                    .filter(Objects::nonNull)
                    .map(Advice::message)
                    .filter(m -> !SnykMapper.isBlank(m))
                    .forEach(messages::add);
        }
        if (messages.isEmpty() && !SnykMapper.isBlank(remediation.message())) {
            messages.add(remediation.message());
        }
        return messages;
    }

    /** The first column of every table row but the current image's, with the heading above it. */
    private static List<String> recommended(List<String> messages, String baseImage) {
        List<String> recommended = new ArrayList<>();
        String heading = null;
        for (String message : messages) {
            String[] lines = message.strip().split("\n");
            if (lines[0].startsWith(TABLE_HEADER)) {
                for (int i = 1; i < lines.length; i++) {
                    String image = lines[i].strip().split("\\s+")[0];
                    if (!image.isEmpty() && !image.equals(baseImage)) {
                        recommended.add(heading == null ? image : image + " (" + heading + ")");
                    }
                }
            } else if (!message.strip().endsWith(":")) {
                heading = message.strip().toLowerCase(Locale.ROOT);
            }
        }
        return recommended;
    }
}
