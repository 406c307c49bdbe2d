package io.heapguard.examples.springboot;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.heapguard.MemoryGuardException;

/**
 * A rejected call becomes {@code 429 Too Many Requests}: the request was fine, the server has no room
 * for it now; the client may retry later or ask for less. The body says which operation and why.
 */
@RestControllerAdvice
public class MemoryRejectionAdvice {

    @ExceptionHandler(MemoryGuardException.class)
    public ResponseEntity<Map<String, Object>> rejected(MemoryGuardException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", "1")
                .body(Map.of("operation", e.operation(), "reason", e.reason().name(),
                        "requestedBytes", e.requestedBytes()));
    }
}
