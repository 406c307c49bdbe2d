package io.heapguard.it.agent.app;

/** An application that only says it ran: the agent's configuration is what the test is about. JDK classes only. */
public final class HostileConfigApp {

    private HostileConfigApp() {
    }

    public static void main(String[] args) {
        System.out.println("DONE");
    }
}
