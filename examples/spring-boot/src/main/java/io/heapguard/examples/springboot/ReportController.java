package io.heapguard.examples.springboot;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /render?rows=N} and {@code GET /histogram?buckets=N}. */
@RestController
public class ReportController {

    private final ReportService reports;
    private final Histograms histograms;

    public ReportController(ReportService reports, Histograms histograms) {
        this.reports = reports;
        this.histograms = histograms;
    }

    @GetMapping("/render")
    public Map<String, Object> render(@RequestParam int rows) {
        // beanClass shows the proxy Spring put in front of the service (ReportService$$SpringCGLIB$$0)
        return Map.of("title", reports.title("rows"), "length", reports.render(rows).length(),
                "beanClass", reports.getClass().getName());
    }

    @GetMapping("/histogram")
    public Map<String, Object> histogram(@RequestParam int buckets) {
        return Map.of("buckets", histograms.histogram(buckets).length);
    }
}
