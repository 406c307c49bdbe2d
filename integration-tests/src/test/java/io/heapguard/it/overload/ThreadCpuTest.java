package io.heapguard.it.overload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

    @Test
    void ticks_areUtimePlusStime_evenWhenTheNameHoldsSpacesAndParentheses() {
        String stat = "4242 (C2 Compiler (x) 1) S 1 2 3 4 5 6 7 8 9 10 700 55 0 0 20 0 30 0 123 456 789";

        assertThat(ThreadCpu.ticks(stat)).isEqualTo(755);
    }

    @Test
    void share_ofThisJvmsOwnBusyThread_isSeenAndBounded() throws Exception {
        Thread busy = new Thread(() -> {
            long end = System.nanoTime() + 300_000_000L;
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1);
            }
            if (x < 0) {
                System.out.println(x);
            }
        }, "heapguard-test-busy");
        ThreadCpu.Reading before = ThreadCpu.read(ProcessHandle.current().pid(), List.of("heapguard-test"));
        busy.start();
        Thread.sleep(250); // read while it runs: an ended thread leaves the task list
        ThreadCpu.Reading during = ThreadCpu.read(ProcessHandle.current().pid(), List.of("heapguard-test"));
        busy.join();

        if (before.processTicks() == 0) {
            return; // no /proc here: nothing to read
        }
        double share = during.shareSince(before);
        assertThat(share).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    }
}
