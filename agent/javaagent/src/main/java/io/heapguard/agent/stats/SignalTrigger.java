package io.heapguard.agent.stats;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs an action when a POSIX signal arrives. The JDK runs handlers on a short-lived thread of its
 * own; this handler only hands the work to the publisher's executor and returns. A handler the
 * application had installed for the same signal is still called, and is put back on {@link #close()}.
 *
 * <p>The JDK's own handlers are not chained: {@code sun.misc.Signal} hands them out wrapped in its
 * nested classes (default action, ignore, and the shutdown handler on HUP/INT/TERM). Chaining the
 * default action of USR1 would end the JVM; chaining HUP's would shut it down on every dump.
 */
final class SignalTrigger implements SignalHandler, AutoCloseable {

    private final Signal signal;
    private final Runnable action;
    private volatile SignalHandler previous;

    private SignalTrigger(Signal signal, Runnable action) {
        this.signal = signal;
        this.action = action;
    }

    /**
     * @param signalName without {@code SIG}, e.g. {@code USR1}
     * @throws IllegalArgumentException when the JVM or OS refuses the signal
     */
    static SignalTrigger install(String signalName, Runnable action) {
        SignalTrigger trigger = new SignalTrigger(new Signal(signalName), action);
        trigger.previous = Signal.handle(trigger.signal, trigger);
        return trigger;
    }

    @Override
    public void handle(Signal received) {
        action.run();
        SignalHandler chained = previous;
        if (isApplicationHandler(chained)) {
            chained.handle(received);
        }
    }

    static boolean isApplicationHandler(SignalHandler handler) {
        return handler != null && handler != SignalHandler.SIG_DFL && handler != SignalHandler.SIG_IGN
                && handler.getClass().getEnclosingClass() != Signal.class;
    }

    String signalName() {
        return signal.getName();
    }

    @Override
    public void close() {
        SignalHandler restore = previous;
        if (restore != null) {
            Signal.handle(signal, restore);
        }
    }
}
