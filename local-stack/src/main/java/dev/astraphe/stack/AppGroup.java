package dev.astraphe.stack;

import java.util.List;

/** The app JVMs, stopped together (in parallel) before the infrastructure they use. */
record AppGroup(List<ForkedProcess> processes) implements Component {

    @Override
    public String name() {
        return "apps (" + String.join(", ", processes.stream().map(ForkedProcess::name).toList()) + ")";
    }

    @Override
    public void stop() {
        processes.parallelStream().forEach(ForkedProcess::stop);
    }
}
