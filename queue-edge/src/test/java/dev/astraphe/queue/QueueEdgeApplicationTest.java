package dev.astraphe.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lettuce is sent to io_uring only where io_uring works, and an operator's own choice is left alone. */
class QueueEdgeApplicationTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(QueueEdgeApplication.LETTUCE_EPOLL);
        System.clearProperty(QueueEdgeApplication.LETTUCE_EPOLL);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(QueueEdgeApplication.LETTUCE_EPOLL);
        } else {
            System.setProperty(QueueEdgeApplication.LETTUCE_EPOLL, before);
        }
    }

    @Test
    void lettuceLeavesEpollOnlyWhereIoUringWorks() {
        QueueEdgeApplication.preferIoUringForRedis();

        assertThat(System.getProperty(QueueEdgeApplication.LETTUCE_EPOLL)).isEqualTo(IoUring.isAvailable() ? "false" : null);
    }

    @Test
    void anOperatorsChoiceIsKept() {
        System.setProperty(QueueEdgeApplication.LETTUCE_EPOLL, "true");

        QueueEdgeApplication.preferIoUringForRedis();

        assertThat(System.getProperty(QueueEdgeApplication.LETTUCE_EPOLL)).isEqualTo("true");
    }
}
