package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportLocationTest {

    @Test
    void printsFileLineColumnAndPointer() {
        ReportLocation location = new ReportLocation("trivy.json", 12, 5, "/Results/0/Vulnerabilities/3/Severity");

        assertThat(location).hasToString("trivy.json:12:5 (/Results/0/Vulnerabilities/3/Severity)");
    }

    @Test
    void leavesOutWhatItDoesNotKnow() {
        assertThat(new ReportLocation("trivy.json", 12, 0, "/Results")).hasToString("trivy.json:12 (/Results)");
        assertThat(new ReportLocation("trivy.json", 0, 0, "/Results")).hasToString("trivy.json (/Results)");
    }

    @Test
    void pointsAtTheWholeDocumentWithTheRootPointer() {
        assertThat(ReportLocation.of("grype.json")).hasToString("grype.json (/)");
    }

    @Test
    void movesToAnotherPathAtTheSamePosition() {
        ReportLocation location = new ReportLocation("t.json", 3, 7, "/a").withPath("/a/b");

        assertThat(location).isEqualTo(new ReportLocation("t.json", 3, 7, "/a/b"));
    }

    @Test
    void rejectsNegativePositions() {
        assertThatThrownBy(() -> new ReportLocation("t.json", -1, 0, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line and column must not be negative");
        assertThatThrownBy(() -> new ReportLocation("t.json", 1, -1, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givesParseErrorsTheLocatedMessage() {
        ReportLocation location = new ReportLocation("trivy.json", 12, 5, "/Results/0/Vulnerabilities/3/Severity");

        ReportParseException e = new ReportParseException(location, "unknown severity \"SEVERE\"");

        assertThat(e)
                .hasMessage("trivy.json:12:5 (/Results/0/Vulnerabilities/3/Severity): unknown severity \"SEVERE\"");
        assertThat(e.location()).isEqualTo(location);
        assertThat(e.problem()).isEqualTo("unknown severity \"SEVERE\"");
        assertThat(e).isInstanceOf(ShelfLifeException.class);
    }

    @Test
    void givesUnsupportedReportsTheSameForm() {
        UnsupportedReportException e = new UnsupportedReportException(
                new ReportLocation("trivy.json", 2, 20, "/SchemaVersion"), "unknown SchemaVersion 3");

        assertThat(e)
                .isInstanceOf(ReportParseException.class)
                .hasMessage("trivy.json:2:20 (/SchemaVersion): unknown SchemaVersion 3");
    }

    @Test
    void printsProblemsWithTheirLocation() {
        Problem problem = new Problem(
                Problem.Kind.SKIPPED_ENTRY,
                "no VulnerabilityID",
                new ReportLocation("trivy.json", 40, 9, "/Results/0/Vulnerabilities/2"));

        assertThat(problem).hasToString("trivy.json:40:9 (/Results/0/Vulnerabilities/2): no VulnerabilityID");
    }
}
