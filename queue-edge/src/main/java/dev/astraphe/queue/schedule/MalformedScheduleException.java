package dev.astraphe.queue.schedule;

/** A record that parsed as JSON but cannot be a schedule; retrying will not help, so it goes to the dead-letter topic. */
class MalformedScheduleException extends RuntimeException {

    MalformedScheduleException(String message) {
        super(message);
    }
}
