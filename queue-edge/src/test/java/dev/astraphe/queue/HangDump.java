package dev.astraphe.queue;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test of this module has run for {@link #LATE}, takes a dump of every thread (with the locks each holds and
 * waits for), writes it to the test's output and, if the test then fails, adds it to the failure, which surefire
 * prints on the console. A hang seen once in a fresh-clone run of {@code .ci/run} (a Redis command timing out after a
 * minute in {@code WaitingRoomQueueTest}; not seen again in a dozen runs after it) thus leaves its threads where they
 * can be read. Registered for every test of the module through JUnit's extension auto-detection
 * ({@code junit-platform.properties}).
 */
public final class HangDump implements BeforeTestExecutionCallback, AfterTestExecutionCallback, TestExecutionExceptionHandler {

    /**
     * Longer than any test of this module takes on a slow machine. (When the hang was seen, a Redis command timed out
     * after Lettuce's default minute; the apps now give up after 3 s, {@code spring.data.redis.timeout}.)
     */
    static final Duration LATE = Duration.ofSeconds(30);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hang-dump");
        thread.setDaemon(true);
        return thread;
    });
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HangDump.class);

    private record Watch(ScheduledFuture<?> timer, AtomicReference<String> dump) {
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        AtomicReference<String> dump = new AtomicReference<>();
        ScheduledFuture<?> timer = TIMER.schedule(() -> {
            String threads = threadDump();
            dump.set(threads);
            System.err.println("hang-dump: " + context.getDisplayName() + " has run for " + LATE.toSeconds() + " s\n" + threads);
        }, LATE.toMillis(), TimeUnit.MILLISECONDS);
        context.getStore(NAMESPACE).put(Watch.class, new Watch(timer, dump));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Watch watch = context.getStore(NAMESPACE).get(Watch.class, Watch.class);
        if (watch != null && watch.dump().get() != null) {
            failure.addSuppressed(new ThreadDump(watch.dump().get()));
        }
        throw failure;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Watch watch = context.getStore(NAMESPACE).remove(Watch.class, Watch.class);
        if (watch != null) {
            watch.timer().cancel(false);
        }
    }

    /** Every live thread: name, state, the lock it waits for and its owner, and its whole stack with the locks held. */
    static String threadDump() {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                out.append(" on ").append(thread.getLockName());
            }
            if (thread.getLockOwnerName() != null) {
                out.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
            }
            out.append('\n');
            StackTraceElement[] stack = thread.getStackTrace();
            for (int depth = 0; depth < stack.length; depth++) {
                out.append("\tat ").append(stack[depth]).append('\n');
                for (MonitorInfo monitor : thread.getLockedMonitors()) {
                    if (monitor.getLockedStackDepth() == depth) {
                        out.append("\t- locked ").append(monitor).append('\n');
                    }
                }
            }
            for (LockInfo lock : thread.getLockedSynchronizers()) {
                out.append("\t- holds ").append(lock).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The dump, as a cause-less exception without a stack of its own, to be added to a failure. */
    static final class ThreadDump extends Exception {

        ThreadDump(String threads) {
            super("threads " + LATE.toSeconds() + " s into the test:\n" + threads, null, false, false);
        }
    }
}
