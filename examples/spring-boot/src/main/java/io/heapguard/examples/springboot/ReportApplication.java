package io.heapguard.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A small report service, run as a Spring Boot fat jar with heapguard as a {@code -javaagent}:
 * {@code java -javaagent:heapguard-agent.jar=config=heapguard.json -jar heapguard-example-spring-boot.jar}.
 * Caching is on so that Spring puts a CGLIB proxy in front of {@link ReportService}, as real services
 * get for transactions, caching or security: each request must still be guarded exactly once.
 */
@SpringBootApplication
@EnableCaching
public class ReportApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReportApplication.class, args);
    }
}
