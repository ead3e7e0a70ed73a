package dev.astraphe.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where queue-edge's CPU goes in each measured round ({@code PROFILE=1 bench/run-queue-bench.sh}): async-profiler
 * loaded into the running queue-edge for the round's length, its CPU samples written as collapsed stacks
 * ({@code join-2.collapsed}), and {@code profile.md}: each round's CPU per request, split by the parts of a request
 * named below. A sample is CPU time spent, not time passed, so an idle moment before or after the round adds
 * nothing, and samples × interval / requests is the round's CPU per request. Profiling costs a few percent, so a
 * profiled run's figures are for comparing parts, not for the README's table.
 */
final class Profiles {

    /** How a profiled run's summary says so (the share chart leaves such runs out). */
    static final String MARK = "**Profiled**";

    /** Sampling interval of the CPU clock, in nanoseconds. */
    static final long INTERVAL_NS = 500_000;

    /**
     * The parts of a request, each the samples with a frame containing one of the texts (inclusive: a part that
     * calls another counts it too, so the parts overlap and do not add up to the total).
     */
    private static final Map<String, List<String>> PARTS = parts();

    private Profiles() {
    }

    private static Map<String, List<String>> parts() {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("kernel via io_uring (socket reads, writes, waits)", List.of("SubmissionQueue.ioUringEnter"));
        parts.put("waking another event loop (eventfd)", List.of("Native.eventFdWrite"));
        parts.put("context switches (self)", List.of("finish_task_switch"));
        parts.put("HTTP decode and encode (Netty codec)", List.of("HttpServerCodec"));
        parts.put("web exchange set-up", List.of("DefaultServerWebExchange.<init>"));
        parts.put("firewall", List.of("getFirewalledExchange"));
        parts.put("security chain filters", List.of("FilterSequence"));
        parts.put("login from the stored session", List.of("StoredLoginSecurityContextRepository.load"));
        parts.put("CSRF check", List.of("CsrfWebFilter.filter"));
        parts.put("request cookies parsed", List.of("getCookies"));
        parts.put("locale from Accept-Language", List.of("getLocaleContext"));
        parts.put("join batch sent to Redis (Lettuce encode, write)", List.of("JoinBatches$Lane.send"));
        parts.put("Redis replies read (Lettuce; with the joins it answers on its own loop)", List.of("CommandHandler.channelRead"));
        parts.put("work handed to an HTTP event loop", List.of("SingleThreadEventExecutor.runAllTasks"));
        parts.put("ticket read or written", List.of("TicketCodec."));
        parts.put("status fragment", List.of("WaitingFragment.respond"));
        parts.put("response written", List.of("ServerResponseResultHandler.handleResult"));
        parts.put("request metrics (observation)", List.of("ObservationSignalListener"));
        parts.put("JIT compiler threads", List.of("CompileBroker::"));
        parts.put("garbage collection threads", List.of("GCTaskThread", "WorkerThread::run", "PSScavenge", "ParallelScavengeHeap"));
        return parts;
    }

    /** Loads async-profiler into {@code pid} with {@code options} ("start,event=cpu,..." or "stop,file=..."). */
    static void attach(String pid, Path agent, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            vm.loadAgentPath(agent.toAbsolutePath().toString(), options);
        } finally {
            vm.detach();
        }
    }

    /**
     * Starts CPU sampling in {@code pid}: the CPU clock through perf events, or where the kernel refuses them
     * (perf_event_paranoid, containers) the process's interval timer, which samples the same way less evenly.
     * Prints the event used.
     */
    static void start(String pid, Path agent) throws Exception {
        try {
            attach(pid, agent, "start,event=cpu,interval=" + INTERVAL_NS);
            System.out.println("cpu");
        } catch (Exception perfEventsRefused) {
            attach(pid, agent, "start,event=itimer,interval=" + INTERVAL_NS);
            System.out.println("itimer");
        }
    }

    static void stop(String pid, Path agent, Path out) throws Exception {
        attach(pid, agent, "stop,file=" + out.toAbsolutePath() + ",collapsed");
    }

    /** {@code profile.md} from every {@code <scenario>-<round>.collapsed} in {@code dir} and its wrk output. */
    static void summary(Path dir, Path out) throws IOException {
        List<Path> profiles;
        try (Stream<Path> files = Files.list(dir)) {
            profiles = files.filter(p -> p.getFileName().toString().matches("[a-z]+-\\d+\\.collapsed")).sorted().toList();
        }
        Map<String, Map<String, Double>> byRound = new LinkedHashMap<>();
        Map<String, Double> totals = new LinkedHashMap<>();
        Map<String, Map<String, Double>> selfByRound = new LinkedHashMap<>();
        for (Path profile : profiles) {
            String round = profile.getFileName().toString().replace(".collapsed", "");
            long requests = requests(dir.resolve(round + ".txt"));
            if (requests <= 0) {
                continue;
            }
            double usPerSample = INTERVAL_NS / 1000.0 / requests;
            Map<String, Double> parts = new LinkedHashMap<>();
            PARTS.keySet().forEach(part -> parts.put(part, 0.0));
            Map<String, Double> self = new HashMap<>();
            double total = 0;
            for (String line : Files.readAllLines(profile)) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                long samples = Long.parseLong(line.substring(space + 1).trim());
                String stack = line.substring(0, space);
                total += samples * usPerSample;
                for (var part : PARTS.entrySet()) {
                    if (part.getValue().stream().anyMatch(stack::contains)) {
                        parts.merge(part.getKey(), samples * usPerSample, Double::sum);
                    }
                }
                self.merge(stack.substring(stack.lastIndexOf(';') + 1), samples * usPerSample, Double::sum);
            }
            byRound.put(round, parts);
            totals.put(round, total);
            selfByRound.put(round, self);
        }
        StringWriter text = new StringWriter();
        PrintWriter md = new PrintWriter(text);
        md.println("# Where queue-edge's CPU goes, per request (µs), each profiled round");
        md.println();
        md.println("async-profiler, CPU samples every " + INTERVAL_NS / 1000 + " µs of queue-edge's CPU during the round, divided by the"
                + " round's requests. Parts are inclusive (a part that calls another counts it too) and overlap.");
        md.println();
        List<String> rounds = new ArrayList<>(byRound.keySet());
        md.println("| part | " + String.join(" | ", rounds) + " |");
        md.println("|---|" + "---|".repeat(rounds.size()));
        md.println("| **all of queue-edge** | " + String.join(" | ", rounds.stream().map(r -> fmt(totals.get(r))).toList()) + " |");
        for (String part : PARTS.keySet()) {
            md.println("| " + part + " | " + String.join(" | ", rounds.stream().map(r -> fmt(byRound.get(r).get(part))).toList()) + " |");
        }
        for (String round : rounds) {
            md.println();
            md.println("Most CPU in a frame itself, " + round + ":");
            md.println();
            selfByRound.get(round).entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                    .forEach(e -> md.println("- " + fmt(e.getValue()) + " µs  `" + e.getKey() + "`"));
        }
        md.flush();
        Files.writeString(out, text.toString());
        System.out.print(text);
    }

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");

    /** The requests of a wrk output, or -1. */
    private static long requests(Path wrk) throws IOException {
        if (!Files.exists(wrk)) {
            return -1;
        }
        Matcher m = REQUESTS.matcher(Files.readString(wrk));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String fmt(Double us) {
        return us == null ? "-" : String.format(Locale.ROOT, "%.2f", us);
    }
}
