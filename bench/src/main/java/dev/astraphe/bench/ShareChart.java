package dev.astraphe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The join share of every full benchmark run as a chart (SVG): for each run, the median joins/s as a share of the
 * median ping/s, and each round's join/ping pair, against the 50% target; a run that met every target of issue 3
 * is drawn filled. Reads the committed result folders ({@code summary.md} and {@code runs.md}); takes only runs made
 * with the default command, so that every point is the same measurement.
 */
final class ShareChart {

    /** The defaults of {@code run-queue-bench.sh} since one wrk thread became the default (2026-12-03). */
    private static final String FULL_RUN = "WARMUP=120 DURATION=30s CONNECTIONS=256 THREADS=1 RUNS=3";

    private static final int WIDTH = 960;
    private static final int HEIGHT = 420;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 56;
    private static final int BOTTOM = 96;
    private static final double LOW = 0.30;
    private static final double HIGH = 0.70;

    private ShareChart() {
    }

    /** One scenario's median figures in a run. */
    record Median(double rate, double p99) {
    }

    /** One full run: its folder name, medians by scenario and each round's rate by scenario. */
    record Run(String id, Map<String, Median> medians, Map<String, List<Double>> rounds) {

        double share() {
            return medians.get("join").rate() / medians.get("ping").rate();
        }

        /** The join share target: joins at least 50% of the ping's rate. */
        boolean meetsShare() {
            return share() >= 0.5;
        }

        double pollShare() {
            return medians.get("poll").rate() / medians.get("ping").rate();
        }

        /** Issue 3's targets: joins > 16,000/s, p99 < 35 ms, ≥ 50% of ping; polls > 21,000/s, p99 < 42 ms, ≥ 70%. */
        boolean meetsEveryTarget() {
            Median join = medians.get("join");
            Median poll = medians.get("poll");
            return join.rate() > 16_000 && join.p99() < 35 && meetsShare()
                    && poll.rate() > 21_000 && poll.p99() < 42 && pollShare() >= 0.7;
        }

        List<Double> roundShares() {
            List<Double> pings = rounds.getOrDefault("ping", List.of());
            List<Double> joins = rounds.getOrDefault("join", List.of());
            List<Double> shares = new ArrayList<>();
            for (int i = 0; i < Math.min(pings.size(), joins.size()); i++) {
                shares.add(joins.get(i) / pings.get(i));
            }
            return shares;
        }
    }

    static void write(Path results, String since, Path out) throws IOException {
        List<Run> runs = read(results, since);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no full runs in " + results + " since " + since);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        long met = runs.stream().filter(Run::meetsEveryTarget).count();
        long shareMet = runs.stream().filter(Run::meetsShare).count();
        Files.writeString(out, svg(runs, met, shareMet));
        for (Run run : runs) {
            System.out.printf(Locale.ROOT, "%s  ping %6.0f  join %6.0f  share %5.2f%%  p99 %5.1f ms  rounds %s  polls %5.1f%%%s%n",
                    run.id(), run.medians().get("ping").rate(), run.medians().get("join").rate(), 100 * run.share(),
                    run.medians().get("join").p99(), run.roundShares().stream().map(r -> String.format(Locale.ROOT, "%.1f%%", 100 * r)).toList(),
                    100 * run.pollShare(), run.meetsEveryTarget() ? "  every target" : "");
        }
        List<Double> shares = runs.stream().map(Run::share).sorted().toList();
        System.out.printf(Locale.ROOT, "%d full runs since %s: %d meet every target, %d the join share; share median %.1f%%, range %.1f–%.1f%% -> %s%n",
                runs.size(), since, met, shareMet, 100 * median(shares), 100 * shares.getFirst(), 100 * shares.getLast(), out);
    }

    static List<Run> read(Path results, String since) throws IOException {
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(results)) {
            for (Path folder : folders.sorted().toList()) {
                String id = folder.getFileName().toString();
                Path summary = folder.resolve("summary.md");
                if (id.compareTo(since) < 0 || !Files.isRegularFile(summary)) {
                    continue;
                }
                Run run = parse(id, Files.readAllLines(summary),
                        Files.isRegularFile(folder.resolve("runs.md")) ? Files.readAllLines(folder.resolve("runs.md")) : List.of());
                if (run != null) {
                    runs.add(run);
                }
            }
        }
        return runs;
    }

    /** A run, or null if it was not made with the default command, was profiled, or lacks a scenario. */
    static Run parse(String id, List<String> summary, List<String> runsTable) {
        if (summary.stream().noneMatch(line -> line.startsWith("Command:") && line.contains(FULL_RUN))
                || summary.stream().anyMatch(line -> line.startsWith(Profiles.MARK))) {
            return null;
        }
        Map<String, Median> medians = new TreeMap<>();
        for (String line : summary) {
            String[] cells = cells(line);
            // | scenario | requests/s | p50 ms | p99 ms | % of ping | errors |
            if (cells.length == 6 && List.of("ping", "join", "poll").contains(cells[0]) && !medians.containsKey(cells[0])) {
                medians.put(cells[0], new Median(Double.parseDouble(cells[1]), Double.parseDouble(cells[3])));
            }
        }
        if (medians.size() < 3) {
            return null;
        }
        Map<String, List<Double>> rounds = new TreeMap<>();
        for (String line : runsTable) {
            String[] cells = cells(line);
            // | round | scenario | started (UTC) | load avg before | requests/s | p50 ms | p99 ms | errors |
            if (cells.length == 8 && cells[0].matches("\\d+")) {
                rounds.computeIfAbsent(cells[1], s -> new ArrayList<>()).add(Double.parseDouble(cells[4]));
            }
        }
        return new Run(id, medians, rounds);
    }

    private static String[] cells(String line) {
        if (!line.startsWith("|") || !line.endsWith("|")) {
            return new String[0];
        }
        String[] cells = line.substring(1, line.length() - 1).split("\\|");
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The chart; {@code met} and {@code shareMet} count the runs that meet every target and the join share. */
    static String svg(List<Run> runs, long met, long shareMet) {
        StringBuilder s = new StringBuilder();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double step = plotWidth / runs.size();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>%n", WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">Joins as a share of the ping, "
                + "every full run (%s)</text>%n", LEFT, escape(FULL_RUN)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"40\" fill=\"#444\">dot: median of three rounds · dash: each round's "
                + "joins/ping · filled: the run met every target (%d of %d) · the share alone: %d of %d</text>%n",
                LEFT, met, runs.size(), shareMet, runs.size()));
        for (int pct = (int) Math.round(LOW * 100); pct <= Math.round(HIGH * 100); pct += 5) {
            double y = y(pct / 100.0);
            boolean target = pct == 50;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
                    LEFT, WIDTH - RIGHT, y, y, target ? "#c0392b" : "#e4e4e4", target ? "1.5" : "1",
                    target ? " stroke-dasharray=\"6 4\"" : ""));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">%d%%</text>%n",
                    LEFT - 6, y + 4, target ? "#c0392b" : "#666", pct));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#c0392b\">target</text>%n",
                WIDTH - RIGHT - 4, y(0.5) - 5));
        String lastDay = "";
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            double x = LEFT + step * (i + 0.5);
            for (double round : run.roundShares()) {
                double y = y(round);
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#8e9aaf\" stroke-width=\"1.5\"/>%n",
                        x - 4, x + 4, y, y));
            }
            boolean ok = run.meetsEveryTarget();
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\" stroke=\"#2d6a4f\" stroke-width=\"1.5\">"
                    + "<title>%s: joins %.0f/s = %.1f%% of ping %.0f/s, join p99 %.1f ms; polls %.1f%%</title></circle>%n",
                    x, y(run.share()), ok ? "#2d6a4f" : "#fff", run.id(), run.medians().get("join").rate(), 100 * run.share(),
                    run.medians().get("ping").rate(), run.medians().get("join").p99(), 100 * run.pollShare()));
            String day = run.id().substring(4, 6) + "-" + run.id().substring(6, 8);
            String time = run.id().substring(9, 11) + ":" + run.id().substring(11, 13);
            double labelY = HEIGHT - BOTTOM + 14;
            s.append(String.format(Locale.ROOT, "<text transform=\"translate(%.1f %.1f) rotate(-60)\" text-anchor=\"end\" fill=\"#444\" "
                    + "font-size=\"9\">%s</text>%n", x + 3, labelY, day.equals(lastDay) ? time : day + " " + time));
            lastDay = day;
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
                LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#444\">run started (UTC, month-day hour:minute), "
                + "from bench/results/*/summary.md and runs.md</text>%n", LEFT, HEIGHT - 8));
        return s.append("</svg>\n").toString();
    }

    private static double y(double share) {
        double clamped = Math.max(LOW, Math.min(HIGH, share));
        return TOP + (HIGH - clamped) / (HIGH - LOW) * (HEIGHT - TOP - BOTTOM);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
