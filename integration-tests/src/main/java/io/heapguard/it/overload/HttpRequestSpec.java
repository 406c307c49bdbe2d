package io.heapguard.it.overload;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP request a client sends, tagged with the kind of workload it represents.
 *
 * @param body request body (POST) or null
 */
public record HttpRequestSpec(OverloadKind kind, String method, String pathAndQuery, byte[] body) {

    public static HttpRequestSpec get(OverloadKind kind, String pathAndQuery) {
        return new HttpRequestSpec(kind, "GET", pathAndQuery, null);
    }

    public static HttpRequestSpec postJson(OverloadKind kind, String path, String json) {
        return new HttpRequestSpec(kind, "POST", path, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The request head and body as sent on the wire (one request per connection). */
    public byte[] toWire(String hostAndPort) {
        StringBuilder head = new StringBuilder(128)
                .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostAndPort).append("\r\n")
                .append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return headBytes;
        }
        byte[] wire = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, wire, 0, headBytes.length);
        System.arraycopy(body, 0, wire, headBytes.length, body.length);
        return wire;
    }
}
