package dev.bazaar.query.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dead letters in the admin API (under {@code /admin}, so behind the service's admin credential). */
@RestController
@RequestMapping("/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    DeadLetterView.Listing list() {
        return new DeadLetterView.Listing(deadLetters.list());
    }

    @PostMapping("/{projection}/retry")
    DeadLetterView.Retried retry(@PathVariable String projection) {
        return deadLetters.retry(projection);
    }

    @DeleteMapping("/{projection}")
    DeadLetterView.Evicted evict(@PathVariable String projection) {
        return deadLetters.evict(projection);
    }

    @ExceptionHandler
    ProblemDetail unknown(NoSuchProjectionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** The queue's database out of reach is not the caller's fault, nor a fault of this service: 503, as problem details. */
    @ExceptionHandler
    ProblemDetail storeDown(RuntimeException e) {
        if (!StoreOutagesAreRetried.isStoreOutage(e)) {
            throw e;
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The dead letters' database does not answer; try again later");
    }
}
