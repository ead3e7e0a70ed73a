package dev.astraphe.queue.room;

import dev.astraphe.queue.schedule.SaleSchedule;

/** Tick k covers [admissionStart + k*T, admissionStart + (k+1)*T); every instance computes the same k. */
final class Ticks {

    private Ticks() {
    }

    /** The tick at {@code now}, or -1 before admission starts. */
    static long tickAt(SaleSchedule sale, long now) {
        long start = sale.admissionStartsAt().toEpochMilli();
        if (now < start) {
            return -1;
        }
        return (now - start) / (Math.max(1, sale.admissionIntervalSeconds()) * 1000L);
    }
}
