package dev.shelflife.cli;

import dev.shelflife.Severity;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import dev.shelflife.policy.BaseImageStatus;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link HistoryView} as one self-contained HTML page: inline CSS, SVG and a little
 * script, no request to any network. At the top, one card per stage with its verdict now and its
 * next change; then the timeline, an SVG chart with the verdicts of every stage as bands over time
 * (solid where the history recorded them, striped where the policy forecasts them, grey where a
 * recorded verdict lapsed), the deadlines on each stage, the scans and the tag moves as marks, and
 * each finding as a span from its first sighting to its disappearance with a tick where a fix
 * appeared; then the findings, scans, tag observations and verdicts as tables.
 *
 * <p>Every string from the history (package names, versions, vulnerability ids, scanner names,
 * reasons) is written through {@link #escape(String)}: markup characters become entities, and
 * control and format characters, bidirectional overrides among them, become a visible
 * {@code \}{@code uXXXX}, so a report cannot inject markup or reorder the text around it. The
 * page's Content-Security-Policy allows only its own style and script, by their hashes, and no
 * request at all.
 */
final class HistoryHtml {

    private static final int WIDTH = 1200;
    private static final int LEFT = 200;
    private static final int RIGHT = 28;
    private static final int AXIS = 54;
    private static final int NOW_LABEL = 16;
    private static final int TICK_LABEL = AXIS - 12;
    private static final int LANE = 34;
    private static final int BAND = 20;
    private static final int MARK_LANE = 30;
    private static final int ROW = 17;
    private static final int MAX_CHART_FINDINGS = 40;
    private static final int LABEL_CHARS = 30;
    private static final List<String> SCANNER_COLOURS = List.of("#3b6fd6", "#0f9d8a", "#a855f7", "#d97706", "#64748b");
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_AND_YEAR =
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            :root{--bg:#f7f7f5;--card:#fff;--ink:#1d232b;--muted:#5d6673;--line:#dfe2e6;--grid:#eceef1;
            --pass:#2e9d5b;--warn:#e0a100;--fail:#d64545;--lapsed:#9aa0a6;--now:#1d232b;--forecast:#f0f2f5}
            @media (prefers-color-scheme:dark){:root{--bg:#15181c;--card:#1e2227;--ink:#e8eaed;--muted:#9aa3ad;
            --line:#343a42;--grid:#262b31;--now:#e8eaed;--forecast:#1a1e23}}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",
            Roboto,sans-serif}
            main{max-width:1240px;margin:0 auto;padding:24px 20px 48px}
            h1{font-size:22px;margin:0 0 4px;font-weight:650}
            h2{font-size:16px;margin:28px 0 10px;font-weight:650}
            .meta{color:var(--muted);margin:0 0 16px}
            .x{unicode-bidi:isolate;overflow-wrap:anywhere}
            code.x,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            .cards{display:flex;flex-wrap:wrap;gap:12px}
            .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px;
            min-width:230px;flex:1 1 230px}
            .card .stage{font-weight:650;text-transform:uppercase;letter-spacing:.04em;font-size:12px;color:var(--muted)}
            .card .next{color:var(--muted);font-size:13px;margin-top:6px}
            .chip{display:inline-block;border-radius:6px;padding:1px 8px;font-weight:700;color:#fff;font-size:13px}
            .card .chip{font-size:18px;margin-top:4px}
            .chip.pass{background:var(--pass)}.chip.warn{background:var(--warn);color:#1d232b}
            .chip.fail{background:var(--fail)}.chip.none{background:var(--lapsed)}
            .counts{display:flex;flex-wrap:wrap;gap:18px;color:var(--muted);margin:14px 0 0}
            .counts b{color:var(--ink);font-size:16px}
            .chart{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:8px;overflow-x:auto}
            svg{display:block;width:100%;height:auto;min-width:900px}
            svg text{fill:var(--ink);font-size:12px}
            svg .muted{fill:var(--muted)}
            svg .grid{stroke:var(--grid)}
            svg .forecast-bg{fill:var(--forecast)}
            svg .now-line{stroke:var(--now);stroke-width:1.5;stroke-dasharray:4 3}
            svg .band{stroke:rgba(0,0,0,.18);stroke-width:.5}
            svg .band.history.pass{fill:var(--pass)}svg .band.history.warn{fill:var(--warn)}
            svg .band.history.fail{fill:var(--fail)}
            svg .band.forecast.pass{fill:url(#stripe-pass)}svg .band.forecast.warn{fill:url(#stripe-warn)}
            svg .band.forecast.fail{fill:url(#stripe-fail)}svg .band.lapsed{fill:url(#stripe-lapsed)}
            svg .p-pass{fill:var(--pass)}svg .p-warn{fill:var(--warn)}svg .p-fail{fill:var(--fail)}
            svg .p-lapsed{fill:var(--lapsed)}
            svg .deadline.passed{fill:var(--fail);stroke:#fff;stroke-width:1}
            svg .deadline.ahead{fill:var(--card);stroke:var(--fail);stroke-width:1.6}
            svg .span{stroke-width:5;stroke-linecap:round}
            svg .span.gone{opacity:.45}
            svg .fix{stroke:var(--ink);stroke-width:1.6}
            svg .tagline{stroke:var(--muted);stroke-width:2}
            svg .cursor{stroke:var(--muted);stroke-width:1;pointer-events:none}
            svg .row.dim{opacity:.15}
            svg .row.hi text{font-weight:700}
            .legend{display:flex;flex-wrap:wrap;gap:14px;color:var(--muted);font-size:12.5px;margin:0 0 8px}
            .legend i{display:inline-block;width:22px;height:11px;border-radius:3px;vertical-align:-1px;margin-right:5px}
            .legend .pass{background:var(--pass)}.legend .warn{background:var(--warn)}.legend .fail{background:var(--fail)}
            .legend .fc{background:repeating-linear-gradient(135deg,var(--warn) 0 3px,transparent 3px 6px);
            border:1px solid var(--warn)}
            .legend .lapsed{background:repeating-linear-gradient(135deg,var(--lapsed) 0 3px,transparent 3px 6px)}
            table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);
            border-radius:10px;overflow:hidden;font-size:13px}
            th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
            #findings td:nth-child(n+5):nth-child(-n+7),#scans td:first-child,#tags td:nth-child(3),
            #tags td:nth-child(4),#verdicts td:first-child{white-space:nowrap}
            th{color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em}
            tr:last-child td{border-bottom:0}
            tbody tr.hi{background:rgba(59,111,214,.1)}
            .sev{font-weight:700;font-size:12px}
            .sev.CRITICAL{color:#7b1fa2}.sev.HIGH{color:var(--fail)}.sev.MEDIUM{color:#c27700}
            .sev.LOW{color:#3b82c4}.sev.NEGLIGIBLE,.sev.UNKNOWN{color:var(--muted)}
            .status.open{color:var(--fail);font-weight:600}.status.gone{color:var(--pass);font-weight:600}
            input[type=search]{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:8px;
            background:var(--card);color:var(--ink);width:320px;max-width:100%;margin:0 0 10px}
            details{margin-top:18px}summary{cursor:pointer;font-weight:650;font-size:16px;margin-bottom:10px}
            .note{color:var(--muted);font-size:13px}
            footer{color:var(--muted);font-size:12px;margin-top:32px}
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var svg = document.getElementById('chart');
              var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
              var filter = document.getElementById('filter');
              var counter = document.getElementById('shown');
              var bars = new Map();
              if (svg) {
                svg.querySelectorAll('g.row').forEach(function (bar) { bars.set(bar.getAttribute('data-key'), bar); });
              }
              function chartRow(key) {
                return bars.get(key) || null;
              }
              if (filter) {
                filter.addEventListener('input', function () {
                  var words = filter.value.toLowerCase().split(/\\s+/).filter(function (w) { return w; });
                  var shown = 0;
                  rows.forEach(function (row) {
                    var text = row.textContent.toLowerCase();
                    var match = words.every(function (w) { return text.indexOf(w) >= 0; });
                    row.hidden = !match;
                    if (match) { shown++; }
                    var bar = chartRow(row.getAttribute('data-key'));
                    if (bar) { bar.classList.toggle('dim', !match); }
                  });
                  if (counter) { counter.textContent = String(shown); }
                });
              }
              rows.forEach(function (row) {
                var key = row.getAttribute('data-key');
                row.addEventListener('mouseenter', function () {
                  row.classList.add('hi');
                  var bar = chartRow(key);
                  if (bar) { bar.classList.add('hi'); }
                });
                row.addEventListener('mouseleave', function () {
                  row.classList.remove('hi');
                  var bar = chartRow(key);
                  if (bar) { bar.classList.remove('hi'); }
                });
              });
              if (!svg) { return; }
              var start = Number(svg.getAttribute('data-start'));
              var end = Number(svg.getAttribute('data-end'));
              var x0 = Number(svg.getAttribute('data-x0'));
              var x1 = Number(svg.getAttribute('data-x1'));
              var cursor = document.getElementById('cursor');
              var label = document.getElementById('cursor-label');
              svg.addEventListener('mousemove', function (event) {
                var matrix = svg.getScreenCTM();
                if (!matrix) { return; }
                var point = svg.createSVGPoint();
                point.x = event.clientX;
                point.y = event.clientY;
                var x = point.matrixTransform(matrix.inverse()).x;
                if (x < x0 || x > x1) { cursor.setAttribute('visibility', 'hidden'); return; }
                var when = new Date(start + (x - x0) / (x1 - x0) * (end - start));
                cursor.setAttribute('visibility', 'visible');
                cursor.setAttribute('transform', 'translate(' + x.toFixed(1) + ',0)');
                label.textContent = when.toISOString().slice(0, 16).replace('T', ' ') + 'Z';
              });
              svg.addEventListener('mouseleave', function () { cursor.setAttribute('visibility', 'hidden'); });
            })();
            """;

    private final HistoryView view;
    private final StringBuilder html = new StringBuilder(64 * 1024);
    private final long start;
    private final long end;

    private HistoryHtml(HistoryView view) {
        this.view = view;
        Instant first = view.start();
        Instant last = view.end();
        long span = Math.max(
                Duration.between(first, last).toMillis(), Duration.ofDays(1).toMillis());
        this.start = first.toEpochMilli() - span / 40;
        this.end = last.toEpochMilli() + span / 80;
    }

    /**
     * Writes the page.
     *
     * @param view the view
     * @param out where to write
     */
    static void write(HistoryView view, PrintStream out) {
        out.print(page(view));
    }

    /**
     * The page.
     *
     * @param view the view
     * @return the whole HTML document
     */
    static String page(HistoryView view) {
        return new HistoryHtml(view).document();
    }

    /**
     * Text for HTML, in an element or a quoted attribute: {@code & < > " '} become entities, and
     * control and format characters (bidirectional overrides and isolates, zero-width characters)
     * and lone surrogates become a visible {@code \}{@code uXXXX}.
     *
     * @param text text from anywhere
     * @return the escaped text
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    int type = Character.getType(c);
                    if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE) {
                        escaped.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }

    private String document() {
        Timeline timeline = view.timeline();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '")
                .append(hash(STYLE))
                .append("'; script-src '")
                .append(hash(SCRIPT))
                .append("'; img-src data:\">\n")
                .append("<meta name=\"generator\" content=\"ShelfLife ")
                .append(escape(Main.version()))
                .append("\">\n<title>")
                .append(escape("History of " + timeline.subject() + " · ShelfLife"))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n");
        header();
        chart();
        findings();
        scans();
        tags();
        verdicts();
        html.append("<footer>Written by ShelfLife ")
                .append(escape(Main.version()))
                .append(" from the history as of ")
                .append(escape(view.at().toString()))
                .append(". Times are UTC. This page is one file: it loads nothing from any network.</footer>\n")
                .append("</main>\n<script>")
                .append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header() {
        Timeline timeline = view.timeline();
        html.append("<header>\n<h1>History of ").append(x(timeline.subject())).append("</h1>\n");
        html.append("<p class=\"meta\">lineage ")
                .append(x(timeline.lineage()))
                .append(" · as of ")
                .append(escape(MINUTE.format(view.at())))
                .append(" · ");
        view.forecastImage()
                .ifPresentOrElse(
                        image -> html.append("forecast of ")
                                .append(x(image.toString()))
                                .append(" for ")
                                .append(view.horizon().toDays())
                                .append(" days with ")
                                .append(view.policyFile()
                                        .map(f -> "the policy " + x(f))
                                        .orElse("the built-in default policy")),
                        () -> html.append("no forecast: the history holds no report of its images made by then"));
        if (view.leftOut().any()) {
            html.append(" · left out, made later: ").append(escape(HistoryText.leftOut(view.leftOut())));
        }
        html.append("</p>\n<div class=\"cards\">\n");
        for (HistoryView.Lane lane : view.lanes()) {
            card(lane);
        }
        if (view.lanes().isEmpty()) {
            html.append("<p class=\"note\">No verdict was recorded, and there is no forecast.</p>\n");
        }
        html.append("</div>\n<div class=\"counts\">");
        long open = timeline.findings().stream()
                .filter(f -> f.goneSince().isEmpty())
                .count();
        count(timeline.scans().size(), "scans");
        count(timeline.findings().size(), "findings");
        count(open, "still seen");
        count(timeline.tags().size(), "tag observations");
        count(timeline.verdicts().size(), "verdicts recorded");
        html.append("</div>\n</header>\n");
    }

    private void count(long n, String what) {
        html.append("<span><b>").append(n).append("</b> ").append(what).append("</span>");
    }

    private void card(HistoryView.Lane lane) {
        html.append("<section class=\"card\" data-stage=\"")
                .append(escape(lane.stage().name()))
                .append("\">\n<div class=\"stage\">")
                .append(escape(lane.stage().name()))
                .append(lane.mode().map(m -> " · " + m.key()).orElse(" · not in the policy"))
                .append("</div>\n");
        Optional<String> outcome = lane.now()
                .map(v -> v.outcome().name())
                .or(() -> lane.bands().isEmpty()
                        ? Optional.empty()
                        : Optional.of(lane.bands().get(lane.bands().size() - 1).outcome()));
        html.append("<div><span class=\"chip now ")
                .append(outcome.map(o -> o.toLowerCase(Locale.ROOT)).orElse("none"))
                .append("\">")
                .append(outcome.orElse("no verdict"))
                .append("</span>");
        since(lane)
                .ifPresent(since -> html.append(" <span class=\"note\">since ")
                        .append(escape(MINUTE.format(since)))
                        .append("</span>"));
        html.append("</div>\n<div class=\"next\">");
        if (lane.now().isPresent()) {
            lane.now()
                    .get()
                    .nextChange()
                    .ifPresentOrElse(
                            change -> html.append("Next change ")
                                    .append(escape(MINUTE.format(change.at())))
                                    .append(": <span class=\"x\">")
                                    .append(escape(change.reason()))
                                    .append("</span>"),
                            () -> html.append("Does not change with time: only new scans, waivers or a new policy"
                                    + " change it."));
        } else {
            html.append("No forecast: the policy does not define this stage, or the history holds no report.");
        }
        html.append("</div>\n</section>\n");
    }

    /**
     * Since when the lane's outcome at the view's instant holds: the start of the run of adjacent
     * bands of that outcome that reaches the instant. A lapsed band of the same outcome between two
     * of them does not end the run (nothing said otherwise), but never starts it.
     */
    private Optional<Instant> since(HistoryView.Lane lane) {
        List<HistoryView.Band> bands =
                lane.bands().stream().filter(b -> !b.from().isAfter(view.at())).toList();
        int i = bands.size() - 1;
        while (i >= 0 && bands.get(i).source() == HistoryView.Source.LAPSED) {
            i--;
        }
        if (i < 0) {
            return Optional.empty();
        }
        String outcome = bands.get(i).outcome();
        Instant since = bands.get(i).from();
        while (i > 0
                && bands.get(i - 1).outcome().equals(outcome)
                && bands.get(i - 1).to().equals(bands.get(i).from())) {
            i--;
            if (bands.get(i).source() != HistoryView.Source.LAPSED) {
                since = bands.get(i).from();
            }
        }
        return Optional.of(since);
    }

    private void chart() {
        Timeline timeline = view.timeline();
        List<Timeline.FindingSpan> spans = timeline.findings().stream()
                .sorted(Comparator.comparing((Timeline.FindingSpan f) -> rank(f.severity()))
                        .thenComparing(Timeline.FindingSpan::firstSeen))
                .limit(MAX_CHART_FINDINGS)
                .toList();
        int lanesTop = AXIS;
        int marksTop = lanesTop + view.lanes().size() * LANE + 8;
        int findingsTop = marksTop + 2 * MARK_LANE + 22;
        int height = findingsTop + Math.max(1, spans.size()) * ROW + 16;
        int x0 = LEFT;
        int x1 = WIDTH - RIGHT;

        html.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n<div class=\"legend\">")
                .append("<span><i class=\"pass\"></i>pass</span><span><i class=\"warn\"></i>warn</span>")
                .append("<span><i class=\"fail\"></i>fail</span><span><i class=\"fc\"></i>forecast</span>")
                .append("<span><i class=\"lapsed\"></i>lapsed: forecast to change, not evaluated again</span>")
                .append("<span>◆ deadline passed</span><span>◇ deadline ahead</span>")
                .append("<span>● scan</span><span>⚑ tag moved</span></div>\n");
        html.append("<div class=\"chart\">\n<svg id=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape("Verdicts over time for " + timeline.subject()))
                .append("\" data-start=\"")
                .append(start)
                .append("\" data-end=\"")
                .append(end)
                .append("\" data-x0=\"")
                .append(x0)
                .append("\" data-x1=\"")
                .append(x1)
                .append("\">\n");
        patterns();
        // The forecast's side of the chart, then the grid and the dates.
        html.append("<rect class=\"forecast-bg\" x=\"")
                .append(num(x(view.at())))
                .append("\" y=\"")
                .append(NOW_LABEL + 6)
                .append("\" width=\"")
                .append(num(x1 - x(view.at())))
                .append("\" height=\"")
                .append(height - NOW_LABEL - 6)
                .append("\"/>\n");
        ticks(height);

        int y = lanesTop;
        for (HistoryView.Lane lane : view.lanes()) {
            lane(lane, y);
            y += LANE;
        }
        scanMarks(marksTop);
        tagMarks(marksTop + MARK_LANE);
        findingSpans(spans, findingsTop);

        double now = x(view.at());
        html.append("<line class=\"now-line\" x1=\"")
                .append(num(now))
                .append("\" x2=\"")
                .append(num(now))
                .append("\" y1=\"")
                .append(NOW_LABEL - 12)
                .append("\" y2=\"")
                .append(height - 4)
                .append("\"/>\n<text id=\"now-label\" x=\"")
                .append(num(now + 5))
                .append("\" y=\"")
                .append(NOW_LABEL)
                .append("\" font-weight=\"700\">as of ")
                .append(escape(DAY.format(view.at())))
                .append("</text>\n<text class=\"muted\" x=\"")
                .append(num(Math.min(x1 - 70, now + 90)))
                .append("\" y=\"")
                .append(NOW_LABEL)
                .append("\">forecast →</text>\n");
        html.append("<g id=\"cursor\" visibility=\"hidden\"><line class=\"cursor\" x1=\"0\" x2=\"0\" y1=\"")
                .append(AXIS - 4)
                .append("\" y2=\"")
                .append(height - 4)
                .append("\"/><text id=\"cursor-label\" x=\"4\" y=\"")
                .append(height - 6)
                .append("\" class=\"muted\"></text></g>\n");
        html.append("</svg>\n</div>\n");
        if (timeline.findings().size() > spans.size()) {
            html.append("<p class=\"note\">The chart shows the ")
                    .append(spans.size())
                    .append(" most severe of the ")
                    .append(timeline.findings().size())
                    .append(" findings; the table below has every one.</p>\n");
        }
        html.append("</section>\n");
    }

    private void patterns() {
        html.append("<defs>\n");
        // Colours by class, not by attribute: a presentation attribute cannot read a CSS variable.
        for (String outcome : List.of("pass", "warn", "fail", "lapsed")) {
            html.append("<pattern id=\"stripe-")
                    .append(outcome)
                    .append("\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\""
                            + " patternTransform=\"rotate(45)\"><rect class=\"p-")
                    .append(outcome)
                    .append("\" width=\"7\" height=\"7\" opacity=\"0.28\"/><rect class=\"p-")
                    .append(outcome)
                    .append("\" width=\"3.5\" height=\"7\"/></pattern>\n");
        }
        html.append("</defs>\n");
    }

    private void ticks(int height) {
        long days = Duration.ofMillis(end - start).toDays();
        int step = days <= 12 ? 1 : days <= 24 ? 2 : days <= 70 ? 7 : days <= 140 ? 14 : days <= 400 ? 30 : 91;
        LocalDate day =
                Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        if (step == 7 || step == 14) {
            while (day.getDayOfWeek().getValue() != 1) {
                day = day.plusDays(1);
            }
        } else if (step >= 30) {
            day = day.withDayOfMonth(1).plusMonths(1);
        }
        int lastYear = -1;
        html.append("<g class=\"axis\">\n");
        while (true) {
            Instant instant = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (instant.toEpochMilli() > end) {
                break;
            }
            double x = x(instant);
            // A date whose label the line of the view's instant would cross is left to that line's own label.
            boolean crossed = x(view.at()) > x && x(view.at()) < x + 56;
            html.append("<line class=\"grid\" x1=\"")
                    .append(num(x))
                    .append("\" x2=\"")
                    .append(num(x))
                    .append("\" y1=\"")
                    .append(TICK_LABEL - 12)
                    .append("\" y2=\"")
                    .append(height - 4)
                    .append("\"/><text class=\"muted tick\" x=\"")
                    .append(num(x + 4))
                    .append("\" y=\"")
                    .append(TICK_LABEL)
                    .append("\">")
                    .append(crossed ? "" : escape((day.getYear() != lastYear ? DAY_AND_YEAR : DAY).format(instant)))
                    .append("</text>\n");
            lastYear = day.getYear();
            day = step >= 30 ? day.plusMonths(step / 30) : day.plusDays(step);
        }
        html.append("</g>\n");
    }

    private void lane(HistoryView.Lane lane, int top) {
        int bandTop = top + (LANE - BAND) / 2 + 2;
        html.append("<g class=\"lane\" data-stage=\"")
                .append(escape(lane.stage().name()))
                .append("\">\n");
        html.append("<text x=\"12\" y=\"")
                .append(bandTop + 14)
                .append("\" font-weight=\"650\">")
                .append(escape(lane.stage().name()))
                .append("</text><text class=\"muted\" x=\"")
                .append(LEFT - 10)
                .append("\" y=\"")
                .append(bandTop + 14)
                .append("\" text-anchor=\"end\">")
                .append(escape(lane.mode().map(m -> m.key()).orElse("—")))
                .append("</text>\n");
        for (HistoryView.Band band : lane.bands()) {
            double from = x(band.from());
            double to = x(band.to());
            html.append("<rect class=\"band ")
                    .append(band.source().name().toLowerCase(Locale.ROOT))
                    .append(' ')
                    .append(band.outcome().toLowerCase(Locale.ROOT))
                    .append("\" data-source=\"")
                    .append(band.source().name())
                    .append("\" data-outcome=\"")
                    .append(escape(band.outcome()))
                    .append("\" x=\"")
                    .append(num(from))
                    .append("\" y=\"")
                    .append(bandTop)
                    .append("\" width=\"")
                    .append(num(Math.max(1.5, to - from)))
                    .append("\" height=\"")
                    .append(BAND)
                    .append("\" rx=\"3\"><title>")
                    .append(escape(lane.stage() + " " + band.outcome() + " ("
                            + band.source().name().toLowerCase(Locale.ROOT) + ") from " + MINUTE.format(band.from())
                            + " to " + MINUTE.format(band.to()) + "\n" + band.image() + "\n" + band.reason()))
                    .append("</title></rect>\n");
        }
        for (HistoryView.Deadline deadline : lane.deadlines()) {
            double x = x(deadline.at());
            int y = bandTop - 1;
            html.append("<path class=\"deadline ")
                    .append(deadline.passed() ? "passed" : "ahead")
                    .append("\" d=\"M")
                    .append(num(x))
                    .append(' ')
                    .append(y - 6)
                    .append("l5 6l-5 6l-5 -6z\"><title>")
                    .append(escape((deadline.passed() ? "deadline passed " : "deadline ahead ")
                            + MINUTE.format(deadline.at()) + "\n" + deadline.reason()))
                    .append("</title></path>\n");
        }
        html.append("</g>\n");
    }

    private void scanMarks(int top) {
        Timeline timeline = view.timeline();
        Map<String, String> colours = new LinkedHashMap<>();
        int centre = top + MARK_LANE / 2;
        html.append("<g class=\"scans\">\n<text x=\"12\" y=\"")
                .append(centre + 4)
                .append("\" font-weight=\"650\">scans</text><text class=\"muted\" x=\"")
                .append(LEFT - 10)
                .append("\" y=\"")
                .append(centre + 4)
                .append("\" text-anchor=\"end\">")
                .append(timeline.scans().size())
                .append("</text>\n");
        for (Timeline.Scan scan : timeline.scans()) {
            String scanner = scan.scan().scanner().name();
            String colour =
                    colours.computeIfAbsent(scanner, s -> SCANNER_COLOURS.get(colours.size() % SCANNER_COLOURS.size()));
            html.append("<circle class=\"mark scan\" cx=\"")
                    .append(num(x(scan.scan().scannedAt())))
                    .append("\" cy=\"")
                    .append(centre)
                    .append("\" r=\"4.5\" fill=\"")
                    .append(colour)
                    .append("\"><title>")
                    .append(escape(
                            scan.scan().scanner() + " " + scan.kind().name().toLowerCase(Locale.ROOT) + " of "
                                    + scan.scan().image() + "\n"
                                    + MINUTE.format(scan.scan().scannedAt()) + ", "
                                    + VerdictText.count(scan.findings(), "finding") + "\n"
                                    + scan.scan().id()))
                    .append("</title></circle>\n");
        }
        html.append("</g>\n");
    }

    private void tagMarks(int top) {
        Timeline timeline = view.timeline();
        int centre = top + MARK_LANE / 2;
        html.append("<g class=\"tags\">\n<text x=\"12\" y=\"")
                .append(centre + 4)
                .append("\" font-weight=\"650\">tag moves</text><text class=\"muted\" x=\"")
                .append(LEFT - 10)
                .append("\" y=\"")
                .append(centre + 4)
                .append("\" text-anchor=\"end\">")
                .append(timeline.tags().size())
                .append("</text>\n");
        for (TagObservation tag : timeline.tags()) {
            double from = x(tag.firstSeen());
            double to = x(tag.lastSeen());
            html.append("<g class=\"mark tag\"><title>")
                    .append(escape(tag.reference().familiarName() + " → " + BaseImageStatus.shortDigest(tag.digest())
                            + "\nfirst seen " + MINUTE.format(tag.firstSeen()) + ", last seen "
                            + MINUTE.format(tag.lastSeen()) + "\nby " + tag.observedBy()))
                    .append("</title><line class=\"tagline\" x1=\"")
                    .append(num(from))
                    .append("\" x2=\"")
                    .append(num(Math.max(from, to)))
                    .append("\" y1=\"")
                    .append(centre + 5)
                    .append("\" y2=\"")
                    .append(centre + 5)
                    .append("\"/><path d=\"M")
                    .append(num(from))
                    .append(' ')
                    .append(centre + 7)
                    .append("v-15l9 3.5l-9 3.5\" fill=\"#3b6fd6\" stroke=\"#3b6fd6\" stroke-width=\"1.2\"/></g>\n");
        }
        html.append("</g>\n");
    }

    private void findingSpans(List<Timeline.FindingSpan> spans, int top) {
        html.append("<g class=\"findings\">\n<text x=\"12\" y=\"")
                .append(top - 8)
                .append("\" font-weight=\"650\">findings</text>\n");
        if (spans.isEmpty()) {
            html.append("<text class=\"muted\" x=\"")
                    .append(LEFT)
                    .append("\" y=\"")
                    .append(top + 12)
                    .append("\">no finding recorded</text>\n");
        }
        int y = top;
        for (Timeline.FindingSpan span : spans) {
            int centre = y + ROW / 2;
            Instant until = span.goneSince().orElse(view.at());
            double from = x(span.firstSeen());
            double to = Math.max(from, x(until));
            String label = span.vulnerabilityId() + " · " + span.pkg().name();
            html.append("<g class=\"row\" data-key=\"")
                    .append(escape(key(span)))
                    .append("\"><title>")
                    .append(escape(span.severity() + " " + span.vulnerabilityId() + " in "
                            + span.pkg().name() + " "
                            + span.pkg().version().orElse("?") + "\nfirst seen " + MINUTE.format(span.firstSeen())
                            + span.fixAvailableSince()
                                    .map(f -> "\nfix available since " + MINUTE.format(f))
                                    .orElse("\nno fix seen")
                            + span.goneSince()
                                    .map(g -> "\ngone since " + MINUTE.format(g))
                                    .orElse("\nstill seen " + MINUTE.format(span.lastSeen()))))
                    .append("</title><text x=\"12\" y=\"")
                    .append(centre + 4)
                    .append("\" font-size=\"11\">")
                    .append(escape(truncate(label)))
                    .append("</text><line class=\"span")
                    .append(span.goneSince().isPresent() ? " gone" : "")
                    .append("\" x1=\"")
                    .append(num(from))
                    .append("\" x2=\"")
                    .append(num(to))
                    .append("\" y1=\"")
                    .append(centre)
                    .append("\" y2=\"")
                    .append(centre)
                    .append("\" stroke=\"")
                    .append(colour(span.severity()))
                    .append("\"/>");
            span.fixAvailableSince()
                    .ifPresent(fix -> html.append("<line class=\"fix\" x1=\"")
                            .append(num(x(fix)))
                            .append("\" x2=\"")
                            .append(num(x(fix)))
                            .append("\" y1=\"")
                            .append(centre - 6)
                            .append("\" y2=\"")
                            .append(centre + 6)
                            .append("\"/>"));
            html.append("</g>\n");
            y += ROW;
        }
        html.append("</g>\n");
    }

    private void findings() {
        Timeline timeline = view.timeline();
        html.append("<section id=\"findings\">\n<h2>Findings (<span id=\"shown\">")
                .append(timeline.findings().size())
                .append("</span>)</h2>\n")
                .append("<input type=\"search\" id=\"filter\" placeholder=\"Filter: a CVE, a package, a severity…\""
                        + " aria-label=\"Filter the findings\">\n")
                .append("<table>\n<thead><tr><th>Severity</th><th>Vulnerability</th><th>Package</th>"
                        + "<th>Version</th><th>First seen</th><th>Fix since</th><th>Last seen</th>"
                        + "<th>Status</th></tr></thead>\n<tbody>\n");
        for (Timeline.FindingSpan span : timeline.findings()) {
            html.append("<tr data-key=\"")
                    .append(escape(key(span)))
                    .append("\"><td class=\"sev ")
                    .append(span.severity().name())
                    .append("\">")
                    .append(span.severity().name())
                    .append("</td><td><code class=\"x\">")
                    .append(escape(span.vulnerabilityId()))
                    .append("</code></td><td><span class=\"x\">")
                    .append(escape(span.pkg().name()))
                    .append("</span></td><td><code class=\"x\">")
                    .append(escape(span.pkg().version().orElse("?")))
                    .append("</code></td><td>")
                    .append(escape(MINUTE.format(span.firstSeen())))
                    .append("</td><td>")
                    .append(span.fixAvailableSince()
                            .map(f -> escape(MINUTE.format(f)))
                            .orElse("—"))
                    .append("</td><td>")
                    .append(escape(MINUTE.format(span.lastSeen())))
                    .append("</td><td>")
                    .append(span.goneSince()
                            .map(g -> "<span class=\"status gone\">gone since " + escape(MINUTE.format(g)) + "</span>")
                            .orElse("<span class=\"status open\">still seen</span>"))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private void scans() {
        List<Timeline.Scan> scans = view.timeline().scans();
        html.append("<details id=\"scans\">\n<summary>Scans (")
                .append(scans.size())
                .append(")</summary>\n<table>\n<thead><tr><th>Scanned at</th><th>Scanner</th><th>Kind</th>"
                        + "<th>Findings</th><th>Image</th><th>Recorded as</th></tr></thead>\n<tbody>\n");
        for (Timeline.Scan scan : scans) {
            html.append("<tr><td>")
                    .append(escape(MINUTE.format(scan.scan().scannedAt())))
                    .append("</td><td><span class=\"x\">")
                    .append(escape(scan.scan().scanner().toString()))
                    .append("</span></td><td>")
                    .append(scan.kind().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>")
                    .append(scan.findings())
                    .append("</td><td><code class=\"x\">")
                    .append(escape(scan.scan().image()))
                    .append("</code></td><td><code class=\"x\">")
                    .append(escape(BaseImageStatus.shortDigest(scan.scan().id())))
                    .append("</code></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</details>\n");
    }

    private void tags() {
        List<TagObservation> tags = view.timeline().tags();
        html.append("<details id=\"tags\">\n<summary>Tag observations (")
                .append(tags.size())
                .append(")</summary>\n<table>\n<thead><tr><th>Tag</th><th>Digest</th><th>First seen</th>"
                        + "<th>Last seen</th><th>Observed by</th></tr></thead>\n<tbody>\n");
        for (TagObservation tag : tags) {
            html.append("<tr><td><code class=\"x\">")
                    .append(escape(tag.reference().familiarName()))
                    .append("</code></td><td><code class=\"x\">")
                    .append(escape(BaseImageStatus.shortDigest(tag.digest())))
                    .append("</code></td><td>")
                    .append(escape(MINUTE.format(tag.firstSeen())))
                    .append("</td><td>")
                    .append(escape(MINUTE.format(tag.lastSeen())))
                    .append("</td><td><span class=\"x\">")
                    .append(escape(tag.observedBy()))
                    .append("</span></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</details>\n");
    }

    private void verdicts() {
        List<IssuedVerdict> verdicts = view.timeline().verdicts();
        html.append("<details id=\"verdicts\">\n<summary>Verdicts recorded (")
                .append(verdicts.size())
                .append(")</summary>\n<table>\n<thead><tr><th>At</th><th>Stage</th><th>Outcome</th>"
                        + "<th>Image</th><th>Forecast change</th></tr></thead>\n<tbody>\n");
        for (IssuedVerdict verdict : verdicts) {
            html.append("<tr><td>")
                    .append(escape(MINUTE.format(verdict.at())))
                    .append("</td><td>")
                    .append(escape(verdict.stage().name()))
                    .append("</td><td><span class=\"chip ")
                    .append(escape(verdict.outcome().toLowerCase(Locale.ROOT)))
                    .append("\">")
                    .append(escape(verdict.outcome()))
                    .append("</span></td><td><code class=\"x\">")
                    .append(escape(verdict.image().toString()))
                    .append("</code></td><td><span class=\"x\">")
                    .append(verdict.nextChange()
                            .map(c -> escape(MINUTE.format(c)
                                    + verdict.nextChangeReason()
                                            .map(r -> ": " + r)
                                            .orElse("")))
                            .orElse("—"))
                    .append("</span></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</details>\n");
    }

    /** A value from the history in an element of its own, isolated from the text around it. */
    private static String x(String text) {
        return "<span class=\"x\">" + escape(text) + "</span>";
    }

    private static String key(Timeline.FindingSpan span) {
        return span.vulnerabilityId() + "|" + span.pkg().name() + "|"
                + span.pkg().version().orElse("");
    }

    private static String truncate(String label) {
        return label.codePointCount(0, label.length()) <= LABEL_CHARS
                ? label
                : label.substring(0, label.offsetByCodePoints(0, LABEL_CHARS - 1)) + "…";
    }

    private static int rank(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 0;
            case HIGH -> 1;
            case MEDIUM -> 2;
            case LOW -> 3;
            case NEGLIGIBLE -> 4;
            case UNKNOWN -> 5;
        };
    }

    private static String colour(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "#7b1fa2";
            case HIGH -> "#d64545";
            case MEDIUM -> "#e08a00";
            case LOW -> "#3b82c4";
            case NEGLIGIBLE, UNKNOWN -> "#8a8f98";
        };
    }

    private double x(Instant instant) {
        double fraction = (double) (instant.toEpochMilli() - start) / (end - start);
        return LEFT + Math.max(0, Math.min(1, fraction)) * (WIDTH - LEFT - RIGHT);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The CSP source of an inline element's content: {@code sha256-} and its Base64 SHA-256. */
    private static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
