package dev.astraphe.stack;

import java.util.ArrayDeque;
import java.util.Deque;

/** What is running, newest last; stopped in reverse start order, once. */
final class Stack {

    private final Deque<Component> running = new ArrayDeque<>();
    private boolean stopping;

    /** Registers a started component; if a stop already began (Ctrl-C during start) it is stopped at once. */
    void add(Component component) {
        boolean stopNow;
        synchronized (this) {
            stopNow = stopping;
            if (!stopNow) {
                running.push(component);
            }
        }
        if (stopNow) {
            component.stop();
        }
    }

    synchronized boolean stopping() {
        return stopping;
    }

    void stopAll() {
        synchronized (this) {
            stopping = true;
        }
        while (true) {
            Component next;
            synchronized (this) {
                next = running.poll();
            }
            if (next == null) {
                return;
            }
            long t0 = System.nanoTime();
            System.out.print("stopping " + next.name() + " … ");
            System.out.flush();
            try {
                next.stop();
                System.out.println("stopped in " + Waits.seconds(t0));
            } catch (RuntimeException e) {
                System.out.println("failed: " + e);
            }
        }
    }
}
