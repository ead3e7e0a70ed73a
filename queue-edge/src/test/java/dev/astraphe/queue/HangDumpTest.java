package dev.astraphe.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class HangDumpTest {

    private final Object monitor = new Object();

    @Test
    void theDumpShowsWhichThreadHoldsTheLocksABlockedThreadWaitsFor() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().name("lock-holder").start(() -> {
            lock.lock();
            try {
                synchronized (monitor) {
                    holding.countDown();
                    release.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        Thread blocked = Thread.ofPlatform().name("monitor-waiter").start(() -> {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        });
        Thread parked = Thread.ofPlatform().name("lock-waiter").start(lock::lock);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((blocked.getState() != Thread.State.BLOCKED || parked.getState() != Thread.State.WAITING)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            String dump = HangDump.threadDump();

            assertThat(dump).contains("\"monitor-waiter\" BLOCKED on java.lang.Object@")
                    .contains("\"lock-waiter\" WAITING on java.util.concurrent.locks.ReentrantLock$NonfairSync@")
                    .contains("owned by \"lock-holder\"")
                    .containsPattern("\"lock-holder\" WAITING[^\\n]*\\n(\\tat [^\\n]*\\n|\\t- locked [^\\n]*\\n)*\\t- locked java\\.lang\\.Object@")
                    .contains("- holds java.util.concurrent.locks.ReentrantLock$NonfairSync@")
                    .contains(HangDumpTest.class.getName() + ".lambda$theDumpShowsWhichThreadHoldsTheLocksABlockedThreadWaitsFor$0(HangDumpTest.java:");
        } finally {
            release.countDown();
            holder.join(5_000);
            blocked.join(5_000);
            parked.join(5_000);
        }
    }
}
