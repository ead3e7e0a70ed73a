package dev.astraphe.queue.room;

import dev.astraphe.queue.schedule.SaleSchedule;

final class QueueTicks {

    private QueueTicks() {
    }

    static long now(SaleSchedule sale) {
        return Ticks.tickAt(sale, System.currentTimeMillis());
    }
}
