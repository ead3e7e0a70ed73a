package dev.astraphe.queue.room;

import dev.astraphe.queue.schedule.SaleSchedule;

/**
 * Ticks every T seconds from the admission start: [admissionStart + k*T, admissionStart + (k+1)*T). A tick is named
 * by the instant it starts (epoch millis), which every instance computes alike. Named by its number k instead, a
 * tick of a sale whose schedule changed while live (a longer interval, a later start) would rank below the ticks that
 * already ran, and each such tick would be skipped as done for as long as it took k to catch up: instants only grow.
 */
final class Ticks {

    private Ticks() {
    }

    /** The tick at {@code now} (the instant it started), or -1 before admission starts. */
    static long tickAt(SaleSchedule sale, long now) {
        long start = sale.admissionStartsAt().toEpochMilli();
        if (now < start) {
            return -1;
        }
        long interval = Math.max(1, sale.admissionIntervalSeconds()) * 1000L;
        return start + (now - start) / interval * interval;
    }
}
