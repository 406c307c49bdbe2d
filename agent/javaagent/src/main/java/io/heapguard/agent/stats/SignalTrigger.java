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
     * @throws IgnoredByProcess when the process was started with the signal ignored and the JVM keeps it so
     */
    static SignalTrigger install(String signalName, Runnable action) {
        SignalTrigger trigger = new SignalTrigger(new Signal(signalName), action);
        SignalHandler previous = Signal.handle(trigger.signal, trigger);
        // A JVM started with HUP, INT or TERM ignored (nohup; a supervisor that ignores it) keeps it
        // ignored and installs nothing, saying so only by handing back SIG_IGN, which an installed
        // handler can hand back too: asking again tells them apart (ours comes back if it is in place).
        if (previous == SignalHandler.SIG_IGN && Signal.handle(trigger.signal, trigger) != trigger) {
            Signal.handle(trigger.signal, SignalHandler.SIG_IGN); // leave the JDK's table as the OS is
            throw new IgnoredByProcess(trigger.signal.getName());
        }
        trigger.previous = previous;
        return trigger;
    }

    /** The process ignores the signal and the JVM will not take it over: a handler would never run. */
    static final class IgnoredByProcess extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        IgnoredByProcess(String signalName) {
            super("SIG" + signalName + " is ignored by this process (it was started under nohup, or by a parent"
                    + " that ignores SIG" + signalName + "), and the JVM keeps it ignored");
        }
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
