package io.heapguard.examples.springboot;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

import io.heapguard.MemoryAware;

/**
 * One annotated method ({@link #render}) and one guarded only by configuration ({@link #histogram}).
 * {@link #title} is {@code @Cacheable}, which makes Spring proxy the bean with a CGLIB subclass that
 * overrides every public method: heapguard weaves the real methods, never the proxy's overrides.
 */
@Service
public class ReportService implements Histograms {

    /** About what one rendered row costs while the report is built. */
    @MemoryAware(operation = "render", estimate = "rows * 1KB")
    public String render(int rows) {
        StringBuilder report = new StringBuilder(rows * 16);
        for (int i = 0; i < rows; i++) {
            report.append("row ").append(i).append('\n');
        }
        return report.toString();
    }

    @Override
    public long[] histogram(int buckets) {
        long[] counts = new long[buckets];
        for (int i = 0; i < buckets; i++) {
            counts[i] = i % 7;
        }
        return counts;
    }

    @Cacheable("titles")
    public String title(String name) {
        return "Report " + name;
    }
}
