package dev.bazaar.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady trickle of commands, a few per second, sent one after another while a test kills and
 * restarts parts of the system: each registers a customer or adds a product under an id of its own,
 * so that afterwards every command that was answered 2xx can be looked for in the read models.
 */
final class Trickle implements AutoCloseable {

    private static final Duration PAUSE = Duration.ofMillis(250);

    /** One command and what became of it; {@code status} 0 when no answer came at all. */
    record Sent(String kind, String id, Instant at, int status, boolean problem, String failure) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final Http http;
    private final String prefix;
    private final List<Sent> sent = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sender;

    Trickle(Http http, String prefix) {
        this.http = http;
        this.prefix = prefix;
        this.sender = new Thread(this::sendUntilClosed, "trickle-" + prefix);
        sender.setDaemon(true);
        sender.start();
    }

    private void sendUntilClosed() {
        for (int n = 0; running.get(); n++) {
            boolean customer = n % 2 == 0;
            String id = prefix + "-" + (customer ? "c" : "p") + n;
            Instant at = Instant.now();
            Sent outcome;
            try {
                Http.Response response = customer
                        ? http.post("/api/customers", Map.of("id", id, "name", "Customer " + n, "email", id + "@example.com"))
                        : http.post("/api/products", Map.of("id", id, "name", "Product " + n, "description", "Trickled",
                        "initialStock", 3, "price", Map.of("amountMinor", 100 + n, "currency", "EUR"), "attributes", Map.of()));
                outcome = new Sent(customer ? "customer" : "product", id, at, response.status(), response.isProblem(), "");
            } catch (RuntimeException e) {
                outcome = new Sent(customer ? "customer" : "product", id, at, 0, false, String.valueOf(e));
            }
            synchronized (sent) {
                sent.add(outcome);
            }
            pause();
        }
    }

    /** Everything sent so far, in order. */
    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** What was sent at or after {@code from}. */
    List<Sent> sentSince(Instant from) {
        return sent().stream().filter(s -> !s.at().isBefore(from)).toList();
    }

    List<Sent> acknowledged() {
        return sent().stream().filter(Sent::acknowledged).toList();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            sender.join(Duration.ofSeconds(40).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
